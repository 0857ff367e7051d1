using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;

namespace RnnNotebooks.Display;

/// <summary>
/// What a notebook would have shown, collected by a program that runs without a notebook kernel (the
/// course's file-based apps, <c>dotnet run notebooks/apps/01-perceptron.cs</c>) and written as one
/// offline HTML page: displayed values formatted exactly as in a notebook (charts, tables, text), what
/// the program writes to the console, and live outputs such as <see cref="LiveTrainingView"/> in their
/// final state, all in the order they happened, grouped under the notebook cell they came from.
/// Charts draw with the one copy of plotly.js the page carries in its head.
/// <code>
/// var page = OutputPage.Open("The perceptron", "../../artifacts/apps/01-perceptron.html", workingFolder: "..");
/// page.Cell(3);
/// page.Display(chart);
/// page.Finish();   // writes the page and prints its path
/// </code>
/// </summary>
public sealed partial class OutputPage : ILiveOutputSink
{
    readonly object _gate = new();
    readonly List<(int Cell, DisplayedOutput Output)> _outputs = [];
    readonly TextWriter _console;
    readonly string _title;
    int _cell;
    DisplayedOutput? _stream;
    string? _streamName;

    /// <summary>
    /// A page that collects what it is given and changes nothing else in the process (see <see cref="Open"/>
    /// for the page a program shows everything on).
    /// </summary>
    /// <param name="title">The page's heading.</param>
    /// <param name="path">Where <see cref="Save"/> writes it (made absolute against the current directory).</param>
    /// <param name="console">Where displayed text and live progress lines also go; the console if null.</param>
    public OutputPage(string title, string path, TextWriter? console = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(title);
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        _title = title;
        Path = System.IO.Path.GetFullPath(path);
        _console = console ?? Console.Out;
    }

    /// <summary>The full path the page is written to.</summary>
    public string Path { get; }

    /// <summary>
    /// Starts the page for the program that calls it and makes it the place outputs go:
    /// <see cref="LiveOutput.Sink"/> is set to it, and console output is copied onto it (it still reaches
    /// the console). <paramref name="path"/> and <paramref name="workingFolder"/> are relative to the
    /// folder of the calling source file, so the program behaves the same wherever it is started from;
    /// the working folder becomes the current directory, as the notebook's folder is in Jupyter. If the
    /// program ends with an unhandled exception the page is still written, with the error where it happened.
    /// </summary>
    /// <param name="title">The page's heading: the notebook's title.</param>
    /// <param name="path">Where to write the page.</param>
    /// <param name="workingFolder">The folder relative paths in the program mean (the notebook's folder); null leaves the current directory alone.</param>
    /// <param name="sourceFile">Filled in by the compiler: the calling program's source file.</param>
    public static OutputPage Open(string title, string path, string? workingFolder = null, [CallerFilePath] string sourceFile = "")
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        string here = SourceFolder(sourceFile);
        var page = new OutputPage(title, System.IO.Path.GetFullPath(path, here), Console.Out);
        if (workingFolder is not null) Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(workingFolder, here));

        // Throws with the fix (FSharp.Core too old for Plotly.NET) rather than leaving charts as type names.
        NotebookDisplay.Register();
        // The page loads plotly.js once in its head; charts must not each carry a copy.
        PlotlyJs.EmbedOncePerSession = false;
        LiveOutput.Sink = page;
        Console.SetOut(new CopyingWriter(page, "stdout", page._console));
        Console.SetError(new CopyingWriter(page, "stderr", Console.Error));
        AppDomain.CurrentDomain.UnhandledException += (_, e) => page.Fail(e.ExceptionObject as Exception);
        return page;
    }

    // The caller's source file, as the compiler saw it; a .NET 10 file-based app also reports its entry file.
    static string SourceFolder(string sourceFile)
    {
        foreach (var file in new[] { sourceFile, AppContext.GetData("EntryPointFilePath") as string })
            if (!string.IsNullOrEmpty(file) && File.Exists(file))
                return System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(file))!;
        return Directory.GetCurrentDirectory();
    }

    /// <summary>Marks the start of notebook cell <paramref name="number"/>: the outputs that follow are shown under it.</summary>
    public void Cell(int number)
    {
        lock (_gate)
        {
            _cell = number;
            _stream = null;
        }
    }

    /// <summary>
    /// Shows <paramref name="value"/> as a notebook's <c>display(value)</c> does: formatted as HTML by the
    /// registered formatters (charts, matrices, tables of any sequence); strings as text, which also go to
    /// the console so that a program's user sees them. Returns the output, which
    /// <see cref="DisplayedOutput.Update(object?)"/> replaces in place.
    /// </summary>
    public DisplayedOutput Display(object? value)
    {
        var output = Add(new DisplayedOutput(this, ToHtml(value)));
        if (value is string text) WriteToConsole(text);
        return output;
    }

    /// <summary>Marks <paramref name="html"/> as HTML to show as it is (a notebook's <c>HTML(...)</c>).</summary>
    public static IHtmlContent Html(string html) => new HtmlString(html);

    /// <inheritdoc />
    /// <remarks>The page keeps the latest content; its text also goes to the console, where a program's user watches.</remarks>
    ILiveOutput ILiveOutputSink.Display(LiveContent content)
    {
        var output = Add(new DisplayedOutput(this, content.Html));
        WriteToConsole(content.Text);
        return output;
    }

    /// <summary>The HTML of one displayed value.</summary>
    public static string ToHtml(object? value) => value switch
    {
        null => "<pre class=\"rnn-text\">&lt;null&gt;</pre>",
        string text => $"<pre class=\"rnn-text\">{WebUtility.HtmlEncode(text)}</pre>",
        _ => value.ToDisplayString(HtmlFormatter.MimeType),
    };

    DisplayedOutput Add(DisplayedOutput output)
    {
        lock (_gate)
        {
            _outputs.Add((_cell, output));
            _stream = null;
        }
        return output;
    }

    void WriteToConsole(string text)
    {
        if (string.IsNullOrEmpty(text)) return;
        lock (_gate) _console.WriteLine(text);
    }

    // Consecutive writes to one stream join one output, as in a notebook.
    void AppendStream(string name, string text)
    {
        lock (_gate)
        {
            if (_stream is null || _streamName != name)
            {
                _stream = new DisplayedOutput(this, "", name);
                _streamName = name;
                _outputs.Add((_cell, _stream));
            }
            _stream.AppendText(text);
        }
    }

    void Fail(Exception? error)
    {
        lock (_gate)
        {
            _outputs.Add((_cell, new DisplayedOutput(this, $"<pre class=\"rnn-error\">{WebUtility.HtmlEncode(error?.ToString() ?? "The program failed.")}</pre>")));
            _stream = null;
        }
        Finish();
    }

    /// <summary>Writes the page and prints its path on the console.</summary>
    public void Finish()
    {
        Save();
        WriteToConsole($"Page: {Path}");
    }

    /// <summary>Writes the page (creating its folder) as it stands.</summary>
    public void Save()
    {
        string html = Render();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, html, new UTF8Encoding(false));
    }

    /// <summary>The page's HTML as it stands.</summary>
    public string Render()
    {
        var body = new StringBuilder();
        int shownCell = -1;
        lock (_gate)
        {
            foreach (var (cell, output) in _outputs)
            {
                string html = output.Html;
                if (html.Length == 0) continue;
                if (cell != shownCell)
                {
                    if (shownCell >= 0) body.Append("</section>\n");
                    body.Append("<section class=\"rnn-cell\">");
                    if (cell > 0) body.Append($"<div class=\"rnn-cell-label\">cell {cell}</div>");
                    body.Append('\n');
                    shownCell = cell;
                }
                body.Append("<div class=\"rnn-output\">").Append(PlotlyJsCopy().Replace(html, "")).Append("</div>\n");
            }
        }
        if (shownCell >= 0) body.Append("</section>\n");

        string content = body.ToString();
        var page = new StringBuilder();
        page.Append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
            .Append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
            .Append("<title>").Append(WebUtility.HtmlEncode(_title)).Append("</title>\n")
            .Append("<style>\n").Append(Style).Append("</style>\n");
        if (content.Contains("class=\"rnn-chart\"", StringComparison.Ordinal)) page.Append(PlotlyJs.ScriptElement).Append('\n');
        page.Append("</head>\n<body>\n<h1>").Append(WebUtility.HtmlEncode(_title)).Append("</h1>\n")
            .Append(content)
            .Append("</body>\n</html>\n");
        return page.ToString();
    }

    // A chart formatted while plotly.js embedding was on carries its own copy: the page has one in its head.
    [GeneratedRegex("""<script\b[^>]*\bdata-plotlyjs\b[^>]*>.*?</script\s*>""", RegexOptions.Singleline)]
    private static partial Regex PlotlyJsCopy();

    const string Style = """
        body { font-family: system-ui, sans-serif; line-height: 1.5; color: #1f2328; max-width: 60rem; margin: 2rem auto; padding: 0 1.25rem; }
        pre { background: #f6f8fa; padding: .5rem .8rem; border-radius: 6px; overflow-x: auto; font-size: .88rem; }
        .rnn-cell { margin: 1.2rem 0; } .rnn-output { margin: .3rem 0; overflow-x: auto; }
        .rnn-cell-label { color: #888; font-family: monospace; font-size: .8rem; }
        .rnn-stderr { background: #fff5f5; } .rnn-error { background: #ffebe9; color: #82071e; }
        table { border-collapse: collapse; } td, th { border: 1px solid #ddd; padding: .2rem .5rem; }
        """;

    /// <summary>
    /// One output on an <see cref="OutputPage"/>, as a notebook's <c>DisplayedValue</c>: it can be replaced in place.
    /// </summary>
    public sealed class DisplayedOutput : ILiveOutput
    {
        readonly OutputPage _page;
        readonly string? _streamName;
        readonly StringBuilder? _text;
        string _html;

        internal DisplayedOutput(OutputPage page, string html, string? streamName = null)
        {
            _page = page;
            _html = html;
            _streamName = streamName;
            if (streamName is not null) _text = new StringBuilder();
        }

        /// <summary>What the output shows now, as HTML.</summary>
        public string Html
        {
            get
            {
                lock (_page._gate)
                    return _text is null ? _html
                        : _text.Length == 0 ? "" : $"<pre class=\"rnn-stream rnn-{_streamName}\">{WebUtility.HtmlEncode(_text.ToString())}</pre>";
            }
        }

        /// <summary>Replaces what the output shows with <paramref name="value"/>, formatted as <see cref="Display"/> does.</summary>
        public void Update(object? value) => Replace(ToHtml(value));

        /// <inheritdoc />
        public void Update(LiveContent content)
        {
            ArgumentNullException.ThrowIfNull(content);
            Replace(content.Html);
            _page.WriteToConsole(content.Text);
        }

        void Replace(string html)
        {
            lock (_page._gate) _html = html;
        }

        internal void AppendText(string text) => _text!.Append(text);
    }

    /// <summary>Console output: to the console as usual, and onto the page.</summary>
    sealed class CopyingWriter(OutputPage page, string streamName, TextWriter console) : TextWriter
    {
        public override Encoding Encoding => console.Encoding;

        public override void Write(char value)
        {
            console.Write(value);
            page.AppendStream(streamName, value.ToString());
        }

        public override void Write(string? value)
        {
            if (string.IsNullOrEmpty(value)) return;
            console.Write(value);
            page.AppendStream(streamName, value);
        }

        public override void Write(char[] buffer, int index, int count) => Write(new string(buffer, index, count));

        public override void Flush() => console.Flush();
    }
}
