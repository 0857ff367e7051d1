namespace RnnNotebooks.Runner.Feed;

/// <summary>Finds the checkout the runner belongs to: the folder holding RnnNotebooks.sln.</summary>
public static class RepositoryRoot
{
    /// <summary>
    /// The nearest folder at or above the current directory, then above the runner's own binaries,
    /// that holds <c>RnnNotebooks.sln</c>.
    /// </summary>
    /// <exception cref="InvalidOperationException">Neither place is inside a checkout.</exception>
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
                if (File.Exists(Path.Combine(dir.FullName, "RnnNotebooks.sln")))
                    return dir.FullName;
        }
        throw new InvalidOperationException(
            "Could not find RnnNotebooks.sln above the current folder or the runner: run the command from inside a clone of the RnnNotebooks repository.");
    }
}
