using System.Runtime.InteropServices;

namespace RnnNotebooks.Runner.Jupyter;

/// <summary>
/// The .NET installation this process runs on. The kernel tool is started through its native launcher,
/// which finds the runtime only in default places or through <c>DOTNET_ROOT</c>; naming the root in the
/// kernelspec makes the kernel start for SDKs installed anywhere (e.g. ~/.dotnet).
/// </summary>
public static class DotNetInstallation
{
    static readonly string MuxerName = OperatingSystem.IsWindows() ? "dotnet.exe" : "dotnet";

    /// <summary>The folder holding the <c>dotnet</c> command and its shared runtimes, or <c>null</c> if it cannot be located.</summary>
    public static string? Root { get; } = FindRoot();

    /// <summary>The <c>dotnet</c> command of <see cref="Root"/>, else whatever <c>dotnet</c> is on PATH.</summary>
    public static string Muxer => Root is null ? "dotnet" : Path.Combine(Root, MuxerName);

    static string? FindRoot()
    {
        // The runtime lives in <root>/shared/Microsoft.NETCore.App/<version>/.
        string root = Path.GetFullPath(Path.Combine(RuntimeEnvironment.GetRuntimeDirectory(), "..", "..", ".."));
        return File.Exists(Path.Combine(root, MuxerName)) ? root : null;
    }
}
