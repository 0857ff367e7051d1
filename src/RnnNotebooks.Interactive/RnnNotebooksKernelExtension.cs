using System.Reflection;
using System.Runtime.CompilerServices;
using System.Runtime.Loader;
using Microsoft.DotNet.Interactive;
using RnnNotebooks.Display;
using RnnNotebooks.Training;

namespace RnnNotebooks.Interactive;

/// <summary>
/// Loaded by the kernel when a notebook restores the RnnNotebooks package: registers the library's
/// formatters, sends live training views to the running cell, embeds plotly.js once per session so
/// charts render offline, and keeps compiler warnings out of the cells' outputs (<see cref="CompilerWarnings"/>).
/// </summary>
public sealed class RnnNotebooksKernelExtension : IKernelExtension
{
    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        FindLibraryBesideThisExtension();
        Install();
        CompilerWarnings.Silence(kernel);
        return Task.CompletedTask;
    }

    // Never inlined: the JIT must not need the library before FindLibraryBesideThisExtension has run.
    [MethodImpl(MethodImplOptions.NoInlining)]
    static void Install()
    {
        NotebookDisplay.Register();
        LiveOutput.Sink = new KernelLiveOutputSink();
        // Jupyter's stop button cancels the running cell's token: a Trainer in that cell stops after its step.
        TrainingInterrupt.ListenTo(() => KernelInvocationContext.Current?.CancellationToken ?? CancellationToken.None);
        // The course runs offline: charts and tunes carry plotly.js and abcjs (once per session) rather than a CDN address.
        PlotlyJs.EmbedOncePerSession = true;
        AbcJs.EmbedOncePerSession = true;
    }

    /// <summary>
    /// A host may load this extension before anything has loaded the library it extends. The package
    /// holds both (<c>interactive-extensions/dotnet/</c> and <c>lib/net10.0/</c>), so if the runtime cannot
    /// find RnnNotebooks.dll, load it from the same package.
    /// </summary>
    static void FindLibraryBesideThisExtension()
    {
        string? here = Path.GetDirectoryName(typeof(RnnNotebooksKernelExtension).Assembly.Location);
        if (string.IsNullOrEmpty(here)) return;
        string library = Path.GetFullPath(Path.Combine(here, "..", "..", "lib", "net10.0", "RnnNotebooks.dll"));
        if (!File.Exists(library)) return;
        AssemblyLoadContext.Default.Resolving += (context, name) =>
            name.Name == "RnnNotebooks" ? context.LoadFromAssemblyPath(library) : null;
    }
}
