namespace RnnNotebooks.Runner.Feed;

/// <summary>
/// An exclusive lock on a file, held while the feed is checked and packed, so that concurrent
/// runners never pack over each other. The operating system releases it if the process dies.
/// </summary>
static class FeedLock
{
    static readonly TimeSpan Patience = TimeSpan.FromMinutes(10);

    public static IDisposable Acquire(string path, TextWriter? log)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var deadline = DateTime.UtcNow + Patience;
        bool told = false;
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException) when (DateTime.UtcNow < deadline)
            {
                if (!told) log?.WriteLine($"Waiting for another process that is packing the library ({path}) ...");
                told = true;
                Thread.Sleep(250);
            }
            catch (IOException e)
            {
                throw new InvalidOperationException(
                    $"Another process has held {path} for over {Patience.TotalMinutes:F0} minutes; if no runner is running, delete that file and try again.", e);
            }
        }
    }
}
