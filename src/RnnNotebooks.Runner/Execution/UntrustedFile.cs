using System.Runtime.InteropServices;
using Microsoft.Win32.SafeHandles;

namespace RnnNotebooks.Runner.Execution;

/// <summary>
/// Reads a file that hostile code may have planted: below <c>root</c>, no folder on the way and not the
/// file itself may be a link (a link would make the reader read, or a writer write, anywhere), the file is
/// opened without following a link and without waiting (a named pipe reads as empty instead of blocking),
/// and at most a bounded number of bytes is read. Call it only once every process that could change the
/// folder has ended, so that nothing can swap a path between the check and the open.
/// </summary>
public static class UntrustedFile
{
    /// <summary>Reads the text of <paramref name="path"/>, or returns null with the reason in <paramref name="problem"/>.</summary>
    public static string? ReadText(string root, string path, long maxBytes, out string problem)
    {
        problem = "";
        string fullRoot = Path.GetFullPath(root), full = Path.GetFullPath(path);
        if (!full.StartsWith(fullRoot + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problem = "the file is outside its folder";
            return null;
        }
        // Every component from the root down, the file included, must be what it seems: not a link.
        for (string? at = full; at is not null && at.Length > fullRoot.Length; at = Path.GetDirectoryName(at))
        {
            FileSystemInfo info = at == full ? new FileInfo(at) : new DirectoryInfo(at);
            if (!info.Exists && at == full) { problem = "no file was written"; return null; }
            if (info.LinkTarget is not null || info.Attributes.HasFlag(FileAttributes.ReparsePoint))
            {
                problem = $"'{Path.GetRelativePath(fullRoot, at)}' was replaced by a link";
                return null;
            }
        }
        using var handle = OpenWithoutFollowing(full, out problem);
        if (handle is null) return null;
        using var stream = new FileStream(handle, FileAccess.Read, bufferSize: 1);
        var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                problem = $"the file is larger than {maxBytes / (1024 * 1024)} MB";
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    static SafeFileHandle? OpenWithoutFollowing(string path, out string problem)
    {
        problem = "";
        if (!OperatingSystem.IsLinux())
        {
            try { return File.OpenHandle(path, FileMode.Open, FileAccess.Read); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { problem = e.Message; return null; }
        }
        // O_NOFOLLOW and O_NONBLOCK differ between Linux architectures.
        int noFollow = RuntimeInformation.ProcessArchitecture is Architecture.Arm64 or Architecture.Arm ? 0x8000 : 0x20000;
        const int readOnly = 0, nonBlocking = 0x800, closeOnExec = 0x80000;
        int fd = open(path, readOnly | noFollow | nonBlocking | closeOnExec);
        if (fd < 0)
        {
            problem = $"the file could not be opened as a plain file (error {Marshal.GetLastPInvokeError()})";
            return null;
        }
        var handle = new SafeFileHandle(fd, ownsHandle: true);
        if (File.GetAttributes(handle).HasFlag(FileAttributes.Directory))
        {
            handle.Dispose();
            problem = "a folder stands where the file should be";
            return null;
        }
        return handle;
    }

    [DllImport("libc", SetLastError = true)]
    static extern int open([MarshalAs(UnmanagedType.LPUTF8Str)] string path, int flags);
}
