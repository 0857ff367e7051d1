using System.IO.Compression;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace RnnNotebooks.Tests.Runner;

/// <summary>
/// A tiny NuGet package built in the test, shaped like RnnNotebooks: a library in
/// <c>lib/</c> and a kernel extension in <c>interactive-extensions/dotnet/</c> that registers an HTML
/// formatter for the library's type. A fresh version every time, so NuGet's cache can never serve an old one.
/// </summary>
static class FixturePackage
{
    public const string Id = "RnnNotebooks.Fixture.Greeting";

    /// <summary>Builds the package into <paramref name="feed"/> and returns its version.</summary>
    public static string Build(string feed)
    {
        string version = $"1.0.0-t{DateTime.UtcNow:yyyyMMddHHmmssfff}";
        var platform = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator)
            .Select(p => MetadataReference.CreateFromFile(p)).ToList();

        byte[] library = Compile("FixtureLib", platform, """
            namespace FixtureLib;
            public sealed class Greeting(string name) { public string Name { get; } = name; }
            """);
        byte[] extension = Compile("FixtureLib.Interactive", [.. platform, MetadataReference.CreateFromImage(library)], """
            using System.Threading.Tasks;
            using Microsoft.DotNet.Interactive;
            using Microsoft.DotNet.Interactive.Formatting;
            public sealed class GreetingExtension : IKernelExtension
            {
                public Task OnLoadAsync(Kernel kernel)
                {
                    Formatter.Register<FixtureLib.Greeting>((g, w) => w.Write($"<b class=\"greeting\">Hello, {g.Name}</b>"), "text/html");
                    return Task.CompletedTask;
                }
            }
            """);

        Directory.CreateDirectory(feed);
        using var zip = ZipFile.Open(Path.Combine(feed, $"{Id}.{version}.nupkg"), ZipArchiveMode.Create);
        Add(zip, $"{Id}.nuspec", System.Text.Encoding.UTF8.GetBytes($"""
            <?xml version="1.0" encoding="utf-8"?>
            <package xmlns="http://schemas.microsoft.com/packaging/2013/05/nuspec.xsd">
              <metadata><id>{Id}</id><version>{version}</version><authors>tests</authors><description>Runner test fixture.</description></metadata>
            </package>
            """));
        Add(zip, "lib/netstandard2.0/FixtureLib.dll", library);
        Add(zip, "interactive-extensions/dotnet/FixtureLib.Interactive.dll", extension);
        return version;
    }

    static byte[] Compile(string name, IEnumerable<MetadataReference> references, string code)
    {
        var compilation = CSharpCompilation.Create(name, [CSharpSyntaxTree.ParseText(code)], references,
            new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary));
        using var image = new MemoryStream();
        var result = compilation.Emit(image);
        Assert.True(result.Success, string.Join("\n", result.Diagnostics));
        return image.ToArray();
    }

    static void Add(ZipArchive zip, string path, byte[] content)
    {
        using var stream = zip.CreateEntry(path).Open();
        stream.Write(content);
    }
}
