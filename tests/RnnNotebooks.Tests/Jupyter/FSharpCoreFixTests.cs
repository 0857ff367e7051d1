using System.Reflection;
using RnnNotebooks.Runner.Jupyter;

namespace RnnNotebooks.Tests.Jupyter;

public sealed class FSharpCoreFixTests : IDisposable
{
    readonly TempFolder temp = new();

    public void Dispose() => temp.Dispose();

    /// <summary>A stand-in tool folder whose FSharp.Core.dll is some other assembly (xunit's), i.e. not 10.1.</summary>
    string ToolWithOtherFSharpCore()
    {
        string folder = temp.Sub("tool");
        Directory.CreateDirectory(folder);
        File.Copy(typeof(FactAttribute).Assembly.Location, Path.Combine(folder, "FSharp.Core.dll"));
        return folder;
    }

    static Version VersionOf(string file) => AssemblyName.GetAssemblyName(file).Version!;

    [Fact]
    public void Replaces_the_tools_FSharp_Core_by_10_1_and_then_leaves_it()
    {
        string tool = ToolWithOtherFSharpCore();
        var before = VersionOf(Path.Combine(tool, "FSharp.Core.dll"));

        var first = FSharpCoreFix.Apply(tool, AppContext.BaseDirectory);
        var second = FSharpCoreFix.Apply(tool, AppContext.BaseDirectory);

        Assert.Equal(new Version(10, 1, 0, 0), VersionOf(Path.Combine(tool, "FSharp.Core.dll")));
        Assert.Equal(before, first.Before);
        Assert.True(first.Replaced);
        Assert.False(second.Replaced);
        Assert.Equal(new Version(10, 1, 0, 0), second.Before);
    }

    [Fact]
    public void A_tool_without_FSharp_Core_is_a_clear_error()
    {
        Directory.CreateDirectory(temp.Sub("empty-tool"));
        var error = Assert.Throws<KernelSetupException>(() => FSharpCoreFix.Apply(temp.Sub("empty-tool"), AppContext.BaseDirectory));
        Assert.Contains("kernel uninstall", error.Message);
    }

    [Fact]
    public void A_source_FSharp_Core_of_the_wrong_version_is_refused()
    {
        string tool = ToolWithOtherFSharpCore();
        string source = temp.Sub("source");
        Directory.CreateDirectory(source);
        File.Copy(typeof(FactAttribute).Assembly.Location, Path.Combine(source, "FSharp.Core.dll"));

        var error = Assert.Throws<KernelSetupException>(() => FSharpCoreFix.Apply(tool, source));
        Assert.Contains("Directory.Packages.props", error.Message);
    }

    [Fact]
    public void A_missing_source_FSharp_Core_is_a_clear_error()
    {
        string tool = ToolWithOtherFSharpCore();
        var error = Assert.Throws<KernelSetupException>(() => FSharpCoreFix.Apply(tool, temp.Sub("nowhere")));
        Assert.Contains("Rebuild", error.Message);
    }
}
