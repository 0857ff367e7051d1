using System.Diagnostics;
using RnnNotebooks.Runner.Feed;

namespace RnnNotebooks.Runner.Jupyter;

/// <summary>
/// The steps of <c>kernel install</c> and <c>kernel uninstall</c>, in order, each reported on one line:
/// kernel tool, FSharp.Core fix, library feed, kernelspec, Jupyter check.
/// </summary>
public static class KernelInstallation
{
    const string Command = "dotnet run --project src/RnnNotebooks.Runner -c Release -- kernel";

    /// <summary>Installs (or brings up to date) everything a Jupyter front-end needs to run the course's notebooks.</summary>
    public static void Install(KernelLocations where, JupyterClient? jupyter, string repositoryRoot, TextWriter log)
    {
        log.WriteLine($"Setting up the .NET Interactive kernel for Jupyter; its files go to {where.OwnedFolder}");

        var tool = new KernelTool(where.ToolFolder);
        var clock = Stopwatch.StartNew();
        log.WriteLine(tool.EnsureInstalled()
            ? $"  Installed the dotnet tool {KernelTool.PackageId} {KernelTool.Version} in {tool.Folder} ({clock.Elapsed.TotalSeconds:F1} s)."
            : $"  The dotnet tool {KernelTool.PackageId} {KernelTool.Version} is already installed in {tool.Folder}.");

        var fix = FSharpCoreFix.Apply(tool.AppFolder, AppContext.BaseDirectory);
        log.WriteLine(fix.Replaced
            ? $"  Replaced the tool's FSharp.Core {fix.Before} by {fix.After}, which Plotly.NET's charts need."
            : $"  The tool's FSharp.Core is already {fix.After}, which Plotly.NET's charts need.");

        var library = LocalFeed.EnsureFresh(repositoryRoot, log);
        log.WriteLine($"  The kernel finds the library RnnNotebooks {library.Version} in {library.FeedFolder}.");

        string stock = Directory.CreateTempSubdirectory("rnnnotebooks-kernelspecs-").FullName;
        try
        {
            tool.WriteStockKernelSpecs(stock); // proves the tool starts, and provides the logos
            new KernelSpecRegistration(where.KernelsFolder, where.BackupFolder)
                .Register(KernelSpec.For(tool, library.FeedFolder), Path.Combine(stock, KernelSpec.Name), log);
        }
        finally
        {
            Directory.Delete(stock, recursive: true);
        }

        ReportWhatJupyterSees(where, jupyter, log);
        log.WriteLine($"Done. Pick the kernel \"{KernelSpec.DisplayName}\" in Jupyter or VS Code. Undo everything with: {Command} uninstall");
    }

    /// <summary>Removes what <see cref="Install"/> added and puts back the kernelspec it displaced.</summary>
    public static void Uninstall(KernelLocations where, TextWriter log)
    {
        log.WriteLine($"Removing the .NET Interactive kernel set up by '{Command} install'");
        bool backupRestored = new KernelSpecRegistration(where.KernelsFolder, where.BackupFolder).Unregister(log);

        if (Directory.Exists(where.ToolFolder))
        {
            Directory.Delete(where.ToolFolder, recursive: true);
            log.WriteLine($"  Removed the kernel tool from {where.ToolFolder}.");
        }
        else
        {
            log.WriteLine($"  No kernel tool in {where.ToolFolder}.");
        }

        if (backupRestored && Directory.Exists(where.OwnedFolder))
        {
            Directory.Delete(where.OwnedFolder, recursive: true);
            log.WriteLine($"  Removed {where.OwnedFolder}.");
            DeleteIfEmpty(Path.GetDirectoryName(where.OwnedFolder)!);
        }
        log.WriteLine("Done. What stays: the library feed in artifacts/feed (it belongs to the checkout); the packages the kernel and the notebooks " +
                      "restored, in NuGet's global packages folder (~/.nuget/packages, shared with every .NET project: " +
                      "'dotnet nuget locals global-packages --clear' empties it); and the .NET SDK's first-use files in ~/.dotnet.");
    }

    static void ReportWhatJupyterSees(KernelLocations where, JupyterClient? jupyter, TextWriter log)
    {
        if (jupyter is null)
        {
            log.WriteLine($"  Jupyter is not installed (no working 'jupyter' command): the kernelspec waits in {where.KernelsFolder} " +
                          $"and is found once it is. {JupyterClient.HowToInstall}");
            return;
        }
        string? resolved;
        try
        {
            resolved = jupyter.ResolveKernelSpec(KernelSpec.Name);
        }
        catch (KernelSetupException problem)
        {
            log.WriteLine("  " + problem.Message);
            return;
        }
        string ours = Path.Combine(Path.GetFullPath(where.KernelsFolder), KernelSpec.Name);
        log.WriteLine(resolved is not null && Path.GetFullPath(resolved) == ours
            ? $"  Jupyter lists the kernel {KernelSpec.Name} from {ours}."
            : $"  Warning: Jupyter resolves {KernelSpec.Name} to {resolved ?? "nothing"}, not {ours}: check JUPYTER_DATA_DIR and JUPYTER_PATH.");
    }

    static void DeleteIfEmpty(string folder)
    {
        if (Directory.Exists(folder) && !Directory.EnumerateFileSystemEntries(folder).Any()) Directory.Delete(folder);
    }
}
