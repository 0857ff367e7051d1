using System.Text;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// Reads a child process's output line by line without trusting it: a line longer than the limit is
/// cut there and the rest of it dropped, so a process that prints without a newline, or without end,
/// can never make the reader hold more than one line's worth.
/// </summary>
public static class BoundedLineReader
{
    /// <summary>Reads <paramref name="stream"/> to its end, passing each line (at most <paramref name="maxLine"/> characters, no newline) on.</summary>
    public static async Task ReadAsync(Stream stream, int maxLine, Action<string> onLine)
    {
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[8192];
        var line = new StringBuilder();
        int read;
        while ((read = await reader.ReadAsync(buffer)) > 0)
        {
            int start = 0;
            for (int i = 0; i < read; i++)
            {
                if (buffer[i] != '\n') continue;
                Append(buffer.AsSpan(start, i - start));
                onLine(line.ToString().TrimEnd('\r'));
                line.Clear();
                start = i + 1;
            }
            Append(buffer.AsSpan(start, read - start));
        }
        if (line.Length > 0) onLine(line.ToString().TrimEnd('\r'));

        void Append(ReadOnlySpan<char> part) => line.Append(part[..Math.Min(part.Length, Math.Max(0, maxLine - line.Length))]);
    }
}
