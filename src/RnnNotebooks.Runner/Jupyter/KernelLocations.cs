namespace RnnNotebooks.Runner.Jupyter;

/// <summary>
/// Where kernel set-up puts things: a folder it owns outright (the kernel tool, and a backup of a
/// kernelspec it displaced), and Jupyter's user <c>kernels</c> folder (the kernelspec itself).
/// </summary>
/// <param name="OwnedFolder">Everything here is ours; <c>kernel uninstall</c> deletes it.</param>
/// <param name="KernelsFolder">Jupyter's user kernelspec folder (<c>&lt;jupyter data dir&gt;/kernels</c>).</param>
public sealed record KernelLocations(string OwnedFolder, string KernelsFolder)
{
    /// <summary>The kernel tool's <c>--tool-path</c>.</summary>
    public string ToolFolder => Path.Combine(OwnedFolder, "tool");

    /// <summary>Where a <c>.net-csharp</c> kernelspec that was there before us is kept.</summary>
    public string BackupFolder => Path.Combine(OwnedFolder, "kernelspec-backup");

    /// <summary>
    /// The owned folder <c>$XDG_DATA_HOME/rnnnotebooks/kernel</c> (default <c>~/.local/share/rnnnotebooks/kernel</c>;
    /// <c>%LOCALAPPDATA%\rnnnotebooks\kernel</c> on Windows) and Jupyter's kernels folder.
    /// </summary>
    public static KernelLocations Default(JupyterClient? jupyter) => new(
        Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.LocalApplicationData, Environment.SpecialFolderOption.DoNotVerify),
            "rnnnotebooks", "kernel"),
        Path.Combine(jupyter?.DataFolder ?? JupyterClient.DefaultDataFolder(), "kernels"));
}
