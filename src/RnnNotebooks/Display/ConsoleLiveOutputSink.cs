namespace RnnNotebooks.Display;

/// <summary>
/// The live-output sink outside a notebook: a console cannot replace an earlier line, so every update is
/// written as a new line of text (at most about two a second, as the live views throttle themselves).
/// </summary>
public sealed class ConsoleLiveOutputSink(TextWriter writer) : ILiveOutputSink
{
    readonly TextWriter _writer = writer ?? throw new ArgumentNullException(nameof(writer));

    /// <inheritdoc />
    public ILiveOutput Display(LiveContent content)
    {
        var output = new Line(_writer);
        output.Update(content);
        return output;
    }

    sealed class Line(TextWriter writer) : ILiveOutput
    {
        public void Update(LiveContent content)
        {
            if (!string.IsNullOrEmpty(content.Text)) writer.WriteLine(content.Text);
        }
    }
}
