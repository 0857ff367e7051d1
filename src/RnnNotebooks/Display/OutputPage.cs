using System.Net;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.AspNetCore.Html;
using Microsoft.DotNet.Interactive.Formatting;

namespace RnnNotebooks.Display;

/// <summary>
/// What a notebook would have shown, collected by a program that runs without a notebook kernel (the
/// course's file-based apps, <c>dotnet run notebooks/apps/01-perceptron.cs</c>) and written as one
/// offline HTML page by the renderer of the course's site: the lesson the app carries (its prose with the
/// maths typeset, each code cell as the file has it, numbered In [n] as on the site) with, under each code
/// cell, what it displayed (formatted exactly as in a notebook: charts, tables, text), what it wrote to the
/// console, and live outputs such as <see cref="LiveTrainingView"/> in their final state.
/// Charts draw with the one copy of plotly.js the page carries in its head, at the page's width.
/// <code>
/// var page = OutputPage.Open("The perceptron", "../../artifacts/apps/01-perceptron.html", workingFolder: "..");
/// page.Cell(3);
/// page.Display(chart);
/// page.Finish();   // writes the page and prints its path
/// </code>
/// </summary>
public sealed class OutputPage : ILiveOutputSink
{
    readonly object _gate = new();
    readonly List<(int Cell, DisplayedOutput Output)> _outputs = [];
    readonly TextWriter _console;
    readonly string _title;
    string? _lessonFile;
    bool _finished;
    string? _nextExercise;
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
    /// The course app whose lesson the page shows (<see cref="AppLesson"/>): its prose, and each code cell as
    /// the file has it with the outputs displayed under it. Without one the page shows the outputs only, by cell.
    /// </summary>
    public string? LessonFile
    {
        get { lock (_gate) return _lessonFile; }
        set { lock (_gate) _lessonFile = value is null ? null : System.IO.Path.GetFullPath(value); }
    }

    /// <summary>What a program that stopped at an exercise still to do exits with (the exit code of <c>dotnet run</c>).</summary>
    public const int ExerciseToDoExitCode = 2;

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
        string? program = SourceFile(sourceFile);
        string here = program is null ? Directory.GetCurrentDirectory() : System.IO.Path.GetDirectoryName(program)!;
        var page = new OutputPage(title, System.IO.Path.GetFullPath(path, here), Console.Out) { LessonFile = program };
        if (workingFolder is not null) Directory.SetCurrentDirectory(System.IO.Path.GetFullPath(workingFolder, here));

        // Throws with the fix (FSharp.Core too old for Plotly.NET) rather than leaving charts as type names.
        NotebookDisplay.Register();
        // The page loads plotly.js and abcjs once in its head; charts and tunes must not each carry a copy.
        PlotlyJs.EmbedOncePerSession = false;
        AbcJs.EmbedOncePerSession = false;
        LiveOutput.Sink = page;
        Console.SetOut(new CopyingWriter(page, "stdout", page._console));
        Console.SetError(new CopyingWriter(page, "stderr", Console.Error));
        AppDomain.CurrentDomain.UnhandledException += (_, e) =>
        {
            var error = e.ExceptionObject as Exception;
            if (ExerciseToDo.Of(error, program) is not { } exercise)
            {
                page.Fail(error);
                return;
            }
            // An exercise still to do is where a student version stops, not a crash: say which, and exit quietly.
            page.StopAtExercise(exercise);
            Console.Out.Flush();
            Environment.Exit(ExerciseToDoExitCode);
        };
        return page;
    }

    // The caller's source file, as the compiler saw it; a .NET 10 file-based app also reports its entry file.
    static string? SourceFile(string sourceFile)
    {
        foreach (var file in new[] { sourceFile, AppContext.GetData("EntryPointFilePath") as string })
            if (!string.IsNullOrEmpty(file) && File.Exists(file))
                return System.IO.Path.GetFullPath(file);
        return null;
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
        // The lesson up to the cell that failed: what comes after it did not run.
        Save();
        WriteToConsole($"Page: {Path}");
    }

    /// <summary>Writes the page, the whole lesson, and prints its path on the console.</summary>
    public void Finish()
    {
        lock (_gate) _finished = true;
        Save();
        WriteToConsole($"Page: {Path}");
    }

    /// <summary>
    /// Ends the page at the exercise still to do: the lesson up to the cell that ran last, then a note naming the
    /// exercise and the line to replace. Prints the note and the page's path.
    /// </summary>
    public void StopAtExercise(ExerciseToDo exercise)
    {
        ArgumentNullException.ThrowIfNull(exercise);
        lock (_gate)
        {
            _nextExercise = exercise.Message;
            _stream = null;
        }
        Save();
        WriteToConsole(exercise.Message);
        WriteToConsole($"Page: {Path}");
    }

    /// <summary>Writes the page (creating its folder) as it stands.</summary>
    public void Save()
    {
        string html = Render();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(Path)!);
        File.WriteAllText(Path, html, new UTF8Encoding(false));
    }

    /// <summary>
    /// The page's HTML as it stands, drawn by the lesson renderer the course's site uses
    /// (<see cref="Pages.LessonPage"/>): with a <see cref="LessonFile"/>, the lesson's prose and code cells in
    /// order with their outputs (up to the cell running now, until <see cref="Finish"/>); without one, the
    /// outputs under their cell numbers.
    /// </summary>
    public string Render()
    {
        string body;
        lock (_gate)
        {
            var lesson = _lessonFile is not null && File.Exists(_lessonFile) ? AppLesson.Parse(File.ReadAllText(_lessonFile)) : [];
            body = lesson.Count > 0 ? LessonBody(lesson) : OutputsBody();
            if (_nextExercise is not null)
                body += $"<div class=\"rnn-next-exercise\" role=\"status\"><strong>Your turn.</strong> {WebUtility.HtmlEncode(_nextExercise)}</div>\n";
        }
        bool titled = body.Contains("<h1", StringComparison.Ordinal);
        if (!titled) body = $"<h1>{WebUtility.HtmlEncode(_title)}</h1>\n{body}";
        return Pages.LessonPage.Render(_title, Pages.LessonPage.Head(body), body);
    }

    IEnumerable<string> OutputsOf(int cell) => _outputs.Where(o => o.Cell == cell).Select(o => o.Output.Html).Where(h => h.Length > 0);

    string LessonBody(IReadOnlyList<AppLessonCell> lesson)
    {
        var body = new StringBuilder();
        var sections = new Pages.PageSections();
        int reached = _finished ? int.MaxValue : _cell;
        var before = OutputsOf(0).ToList();
        if (before.Count > 0) body.Append(Pages.LessonPage.CodeCell(0, "", "", before));
        var shown = new HashSet<int>();
        foreach (var cell in lesson)
        {
            if (cell.IsMarkdown)
            {
                body.Append(Pages.LessonPage.MarkdownCell(cell.Text, sections).Html);
                continue;
            }
            if (cell.Number > reached) break;
            var outputs = OutputsOf(cell.Number).ToList();
            shown.Add(cell.Number);
            if (cell.Text.Length == 0 && outputs.Count == 0) continue;
            body.Append(Pages.LessonPage.CodeCell(cell.Number, Pages.LessonPage.Prompt(cell.Number), cell.Text, outputs));
        }
        // Outputs of a cell the lesson does not have (an app edited beyond its rules) are not lost.
        foreach (var cell in _outputs.Select(o => o.Cell).Where(c => c > 0 && !shown.Contains(c)).Distinct())
            body.Append(Pages.LessonPage.CodeCell(cell, Pages.LessonPage.Prompt(cell), "", OutputsOf(cell)));
        return body.ToString();
    }

    string OutputsBody()
    {
        var body = new StringBuilder();
        int shownCell = -1;
        foreach (var (cell, output) in _outputs)
        {
            string html = output.Html;
            if (html.Length == 0) continue;
            if (cell != shownCell)
            {
                if (shownCell >= 0) body.Append("</section>\n");
                body.Append("<section class=\"rnn-cell\">");
                if (cell > 0) body.Append($"<div class=\"rnn-cell-label\">In [{cell}]:</div>");
                body.Append('\n');
                shownCell = cell;
            }
            body.Append("<div class=\"rnn-output\">").Append(Pages.LessonPage.WithoutScriptCopies(html)).Append("</div>\n");
        }
        if (shownCell >= 0) body.Append("</section>\n");
        return body.ToString();
    }

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
