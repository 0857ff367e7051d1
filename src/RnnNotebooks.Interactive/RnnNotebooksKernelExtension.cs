using Microsoft.DotNet.Interactive;
using RnnNotebooks.Display;

namespace RnnNotebooks.Interactive;

/// <summary>
/// Loaded by the kernel when a notebook restores the RnnNotebooks package: registers the library's
/// formatters, sends live training views to the running cell, and embeds plotly.js once per session so
/// charts render offline.
/// </summary>
public sealed class RnnNotebooksKernelExtension : IKernelExtension
{
    /// <inheritdoc />
    public Task OnLoadAsync(Kernel kernel)
    {
        NotebookDisplay.Register();
        LiveOutput.Sink = new KernelLiveOutputSink();
        // The course runs offline: charts carry plotly.js (once per session) rather than a CDN address.
        PlotlyJs.EmbedOncePerSession = true;
        return Task.CompletedTask;
    }
}
