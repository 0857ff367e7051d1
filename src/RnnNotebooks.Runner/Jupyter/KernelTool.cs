namespace RnnNotebooks.Runner.Jupyter;

/// <summary>
/// The last .NET Interactive kernel, the dotnet tool <c>Microsoft.dotnet-interactive</c> 1.0.712001,
/// installed into a folder of its own (<c>dotnet tool install --tool-path</c>), never as a global tool.
/// </summary>
public sealed class KernelTool(string folder)
{
    /// <summary>The NuGet id of the kernel tool.</summary>
    public const string PackageId = "Microsoft.dotnet-interactive";

    /// <summary>The last version published (the project is archived upstream).</summary>
    public const string Version = "1.0.712001";

    /// <summary>The <c>--tool-path</c> folder the tool is installed into.</summary>
    public string Folder { get; } = Path.GetFullPath(folder);

    /// <summary>The tool's native launcher, the program a kernelspec's argv starts.</summary>
    public string Launcher => Path.Combine(Folder, OperatingSystem.IsWindows() ? "dotnet-interactive.exe" : "dotnet-interactive");

    /// <summary>The folder holding the tool's assemblies (where its FSharp.Core.dll lives).</summary>
    public string AppFolder => Path.Combine(Folder, ".store", "microsoft.dotnet-interactive", Version,
        "microsoft.dotnet-interactive", Version, "tools", "net10.0", "any");

    /// <summary>True when this exact version is fully installed in <see cref="Folder"/>.</summary>
    public bool IsInstalled => File.Exists(Launcher) && File.Exists(Path.Combine(AppFolder, "Microsoft.DotNet.Interactive.App.dll"));

    /// <summary>
    /// Installs the tool unless it is already there. Returns <c>true</c> when it installed, <c>false</c> when
    /// nothing had to be done.
    /// </summary>
    public bool EnsureInstalled()
    {
        if (IsInstalled) return false;
        // The folder is ours: whatever is there is a broken or other-version install of this same tool.
        if (Directory.Exists(Folder)) Directory.Delete(Folder, recursive: true);

        var result = ExternalCommand.TryRun(DotNetInstallation.Muxer,
                ["tool", "install", PackageId, "--version", Version, "--tool-path", Folder])
            ?? throw new KernelSetupException(
                $"Could not start '{DotNetInstallation.Muxer}': install the .NET 10 SDK (https://dot.net) and run kernel install again.");
        if (!result.Succeeded || !IsInstalled)
            throw new KernelSetupException(
                $"'dotnet tool install {PackageId} --version {Version}' failed: {result.LastLine} " +
                "Check that NuGet (api.nuget.org) is reachable from this machine, then run kernel install again.");
        return true;
    }

    /// <summary>
    /// Runs the tool's own <c>jupyter install --path</c> into <paramref name="folder"/>: it writes the stock
    /// kernelspecs (with their logos) and proves the tool starts.
    /// </summary>
    public void WriteStockKernelSpecs(string folder)
    {
        Directory.CreateDirectory(folder);
        var result = ExternalCommand.TryRun(Launcher, ["jupyter", "install", "--path", folder], LaunchEnvironment());
        if (result is null || !result.Succeeded)
            throw new KernelSetupException(
                $"The kernel tool in {Folder} does not start ({result?.LastLine ?? "cannot execute " + Launcher}). " +
                "Run 'kernel uninstall' and then 'kernel install' to reinstall it.");
    }

    /// <summary>The environment the tool needs to start on this machine's .NET, without its first-run banner.</summary>
    public static Dictionary<string, string> LaunchEnvironment()
    {
        // Telemetry off: the upstream project is archived, and the opt-out also silences the first-run banner.
        var environment = new Dictionary<string, string> { ["DOTNET_INTERACTIVE_CLI_TELEMETRY_OPTOUT"] = "1" };
        if (DotNetInstallation.Root is { } root) environment["DOTNET_ROOT"] = root;
        return environment;
    }
}
