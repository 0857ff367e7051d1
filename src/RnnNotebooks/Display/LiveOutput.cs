namespace RnnNotebooks.Display;

/// <summary>What a live output shows at one moment: HTML for notebooks and a line of text for consoles.</summary>
/// <param name="Html">The HTML a notebook front end renders.</param>
/// <param name="Text">The plain-text equivalent, for consoles and logs.</param>
public sealed record LiveContent(string Html, string Text);

/// <summary>One displayed output that can be replaced in place (a notebook's <c>DisplayedValue</c>).</summary>
public interface ILiveOutput
{
    /// <summary>Replaces what the output shows.</summary>
    void Update(LiveContent content);
}

/// <summary>
/// Where live outputs go. The library cannot see the notebook kernel, so the kernel extension installs a
/// sink that calls <c>display(...)</c> in the running cell; elsewhere <see cref="ConsoleLiveOutputSink"/>
/// prints text lines.
/// </summary>
public interface ILiveOutputSink
{
    /// <summary>Displays <paramref name="content"/> as a new output and returns the handle that updates it.</summary>
    ILiveOutput Display(LiveContent content);
}

/// <summary>
/// The process-wide live-output sink: the console by default, the notebook once the kernel extension loads,
/// an app's page once it opens. Internal: only the library and its kernel extension set it (a live view that
/// should go elsewhere takes its own sink), so no notebook code redirects the checks' verdicts through it.
/// </summary>
internal static class LiveOutput
{
    static ILiveOutputSink _sink = new ConsoleLiveOutputSink(Console.Out);

    /// <summary>The sink new live views display into.</summary>
    internal static ILiveOutputSink Sink
    {
        get => Volatile.Read(ref _sink);
        set => Volatile.Write(ref _sink, value ?? throw new ArgumentNullException(nameof(value)));
    }
}
