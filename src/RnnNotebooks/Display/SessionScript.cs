namespace RnnNotebooks.Display;

/// <summary>
/// A browser library a notebook's outputs carry inline, so they render with no network: emitted in the first
/// output of a kernel session that needs it, and reused by later outputs through the global object it defines.
/// One instance per library (<see cref="PlotlyJs"/>, <see cref="AbcJs"/>).
/// </summary>
sealed class SessionScript(Func<string> scriptElement)
{
    readonly Lazy<string> _element = new(scriptElement);
    readonly object _gate = new();
    bool _emitted;

    /// <summary>Whether outputs embed the library (once per session); off when the page already loads it.</summary>
    public bool EmbedOncePerSession { get; set; } = true;

    /// <summary>Whether the library has already been emitted in this session.</summary>
    public bool EmittedInThisSession { get { lock (_gate) return _emitted; } }

    /// <summary>The whole script element.</summary>
    public string ScriptElement => _element.Value;

    /// <summary>The script element if this output is the first of the session to need it (and embedding is on),
    /// otherwise the empty string. Marks it as emitted.</summary>
    public string TakeScriptElementForThisOutput()
    {
        if (!EmbedOncePerSession) return "";
        lock (_gate)
        {
            if (_emitted) return "";
            _emitted = true;
        }
        return ScriptElement;
    }

    /// <summary>Forgets that the library was emitted, so the next output carries it again.</summary>
    public void ResetSession()
    {
        lock (_gate) _emitted = false;
    }
}
