using Microsoft.DotNet.Interactive;
using Microsoft.DotNet.Interactive.Formatting;
using RnnNotebooks.Display;

namespace RnnNotebooks.Interactive;

/// <summary>
/// The live-output sink inside a notebook kernel: displays in the running cell with <c>display(...)</c>
/// and replaces that output in place with <see cref="DisplayedValue.Update"/> (DisplayedValueUpdated
/// events with the same ValueId). Outside a running cell it falls back to the console.
/// </summary>
internal sealed class KernelLiveOutputSink : ILiveOutputSink
{
    readonly ILiveOutputSink _fallback = new ConsoleLiveOutputSink(Console.Out);

    /// <inheritdoc />
    public ILiveOutput Display(LiveContent content)
    {
        var context = KernelInvocationContext.Current;
        if (context is null) return _fallback.Display(content);
        var displayed = context.Display(Html.ToHtmlContent(content.Html), HtmlFormatter.MimeType);
        return new DisplayedOutput(displayed);
    }

    sealed class DisplayedOutput(DisplayedValue displayed) : ILiveOutput
    {
        public void Update(LiveContent content) => displayed.Update(Html.ToHtmlContent(content.Html));
    }
}
