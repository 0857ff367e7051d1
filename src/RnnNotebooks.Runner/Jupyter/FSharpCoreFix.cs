using System.Reflection;

namespace RnnNotebooks.Runner.Jupyter;

/// <summary>What <see cref="FSharpCoreFix.Apply"/> found and left in the kernel tool.</summary>
/// <param name="Before">The assembly version of the tool's FSharp.Core.dll before the fix.</param>
/// <param name="After">The assembly version after the fix (always <see cref="FSharpCoreFix.Required"/>).</param>
/// <param name="Replaced">False when the tool already held the exact same file.</param>
public sealed record FSharpCoreFixResult(Version Before, Version After, bool Replaced);

/// <summary>
/// The kernel tool 1.0.712001 ships FSharp.Core 10.0 and loads it before any notebook package, while
/// Plotly.NET 6.0.0 is built against FSharp.Core 10.1: every chart then fails with "Could not load file
/// or assembly 'FSharp.Core, Version=10.1.0.0'". The fix swaps the tool's FSharp.Core.dll for the
/// 10.1.403 one the runner itself is built with (Directory.Packages.props pins it), so nothing is downloaded.
/// </summary>
public static class FSharpCoreFix
{
    /// <summary>The assembly version Plotly.NET 6.0.0 binds to.</summary>
    public static readonly Version Required = new(10, 1, 0, 0);

    const string FileName = "FSharp.Core.dll";

    /// <summary>Copies <paramref name="sourceFolder"/>'s FSharp.Core.dll over the one in <paramref name="toolAppFolder"/>, after checking both.</summary>
    public static FSharpCoreFixResult Apply(string toolAppFolder, string sourceFolder)
    {
        string source = Path.Combine(sourceFolder, FileName);
        if (!File.Exists(source))
            throw new KernelSetupException(
                $"{source} is missing: the runner's build output should hold FSharp.Core 10.1.403. Rebuild with 'dotnet build src/RnnNotebooks.Runner -c Release'.");
        var sourceVersion = AssemblyVersion(source);
        if (sourceVersion != Required)
            throw new KernelSetupException(
                $"{source} is FSharp.Core {sourceVersion}, but Plotly.NET 6.0.0 needs {Required}: keep FSharp.Core at 10.1.x in Directory.Packages.props and rebuild the runner.");

        string target = Path.Combine(toolAppFolder, FileName);
        if (!File.Exists(target))
            throw new KernelSetupException(
                $"The kernel tool has no {target}, so it is not the expected {KernelTool.PackageId} {KernelTool.Version}: run 'kernel uninstall', then 'kernel install'.");
        var before = AssemblyVersion(target);
        bool identical = File.ReadAllBytes(target).AsSpan().SequenceEqual(File.ReadAllBytes(source));
        if (!identical) File.Copy(source, target, overwrite: true);

        var after = AssemblyVersion(target);
        if (after != Required)
            throw new KernelSetupException($"{target} is still FSharp.Core {after} after the copy: check the folder is writable, then run kernel install again.");
        return new FSharpCoreFixResult(before, after, !identical);
    }

    static Version AssemblyVersion(string path)
    {
        try
        {
            return AssemblyName.GetAssemblyName(path).Version ?? new Version(0, 0);
        }
        catch (BadImageFormatException)
        {
            throw new KernelSetupException($"{path} is not a .NET assembly: run 'kernel uninstall', then 'kernel install'.");
        }
    }
}
