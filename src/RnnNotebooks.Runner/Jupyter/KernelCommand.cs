using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Runner.Jupyter;

/// <summary>
/// <c>kernel install</c> / <c>kernel uninstall</c>: set up (or remove) the .NET Interactive kernel so the
/// course's notebooks run in Jupyter, JupyterLab and VS Code's Jupyter extension.
/// </summary>
public static class KernelCommand
{
    /// <summary>Runs the command; returns the process exit code (0 done, 1 failed, 2 bad usage).</summary>
    public static Task<int> RunAsync(string[] args)
    {
        if (args is not [("install" or "uninstall") and var verb])
        {
            Console.Error.WriteLine($"Unknown kernel command '{string.Join(' ', args)}'. Use 'kernel install' or 'kernel uninstall'.");
            return Task.FromResult(2);
        }
        try
        {
            var jupyter = JupyterClient.Find();
            var where = KernelLocations.Default(jupyter);
            if (verb == "install") KernelInstallation.Install(where, jupyter, RepositoryRoot.Find(), Console.Out);
            else KernelInstallation.Uninstall(where, Console.Out);
            return Task.FromResult(0);
        }
        catch (Exception problem) when (problem is KernelSetupException or InvalidOperationException or IOException or UnauthorizedAccessException)
        {
            Console.Error.WriteLine($"kernel {verb} failed: {problem.Message}");
            return Task.FromResult(1);
        }
    }
}
