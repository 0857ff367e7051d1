namespace RnnNotebooks.Music;

/// <summary>
/// A file of ABC tunes, split into tunes at each <c>X:</c> line. Accepts any <c>.abc</c> file, so a teacher
/// can bring a larger collection than the one shipped with the course.
/// </summary>
public static class AbcFile
{
    /// <summary>Reads the tunes of the file at <paramref name="path"/>.</summary>
    /// <exception cref="FileNotFoundException">There is no file at that path.</exception>
    public static IReadOnlyList<AbcTune> Load(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (!File.Exists(path))
            throw new FileNotFoundException($"There is no ABC file at '{Path.GetFullPath(path)}'. Check the path (it is relative to {Environment.CurrentDirectory}).", path);
        var tunes = Split(File.ReadAllText(path));
        if (tunes.Count == 0)
            throw new InvalidDataException($"'{path}' holds no ABC tune: each tune starts with a line like 'X: 1'.");
        return tunes;
    }

    /// <summary>
    /// Splits ABC text into tunes: each starts at an <c>X:</c> line and runs to the next one (text before
    /// the first <c>X:</c>, the file header, is dropped). Trailing blank lines and comments are trimmed.
    /// </summary>
    public static IReadOnlyList<AbcTune> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var tunes = new List<AbcTune>();
        var lines = text.Replace("\r\n", "\n").Split('\n');
        int start = -1;
        for (int i = 0; i <= lines.Length; i++)
        {
            bool header = i < lines.Length && lines[i].TrimStart().StartsWith("X:");
            if ((header || i == lines.Length) && start >= 0)
                tunes.Add(new AbcTune(string.Join('\n', Trim(lines[start..i]))));
            if (header) start = i;
        }
        return tunes;
    }

    /// <summary>Drops blank and comment lines at the end: they belong to the gap between tunes.</summary>
    static string[] Trim(string[] lines)
    {
        int end = lines.Length;
        while (end > 1 && (lines[end - 1].Trim().Length == 0 || lines[end - 1].TrimStart().StartsWith('%'))) end--;
        return lines[..end];
    }
}
