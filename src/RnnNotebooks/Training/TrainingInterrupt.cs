namespace RnnNotebooks.Training;

/// <summary>
/// Stopping a long training run early without losing it. Jupyter's stop button (the kernel's interrupt) or
/// Ctrl+C in a console program asks the running <see cref="Trainer"/> to stop: it finishes the step it is in,
/// keeps the model as that step left it, and returns its history, so the cells or lines after it still run on
/// what was learned. A second Ctrl+C while the first is pending ends a console program as usual.
/// </summary>
public static class TrainingInterrupt
{
    static Func<CancellationToken> _host = () => CancellationToken.None;
    static int _pending, _running, _listening;

    /// <summary>
    /// Where the host's interrupt comes from: the notebook kernel extension passes the running cell's
    /// cancellation token, which the kernel cancels when the learner presses stop.
    /// </summary>
    public static void ListenTo(Func<CancellationToken> host) => _host = host ?? throw new ArgumentNullException(nameof(host));

    /// <summary>Asks the training loop that is running to stop after its current step (a program's own stop
    /// button; what Ctrl+C does). Does nothing when no training is running.</summary>
    public static void Request()
    {
        if (Volatile.Read(ref _running) > 0) Interlocked.Exchange(ref _pending, 1);
    }

    // A trainer's run begins: a request left from an earlier run no longer counts, and Ctrl+C is listened to.
    internal static void RunStarted()
    {
        if (Interlocked.Increment(ref _running) == 1) Interlocked.Exchange(ref _pending, 0);
        if (Interlocked.Exchange(ref _listening, 1) == 0)
            Console.CancelKeyPress += (_, e) => e.Cancel = OnCtrlC();
    }

    internal static void RunEnded() => Interlocked.Decrement(ref _running);

    /// <summary>Whether a stop was asked for since the run started (taking it, so the next run starts afresh).</summary>
    internal static bool TakeRequest() => Interlocked.Exchange(ref _pending, 0) == 1 | _host().IsCancellationRequested;

    /// <summary>Ctrl+C: while training runs and no stop is pending, ask for one and keep the program (true);
    /// otherwise let the program end (false).</summary>
    internal static bool OnCtrlC() => Volatile.Read(ref _running) > 0 && Interlocked.Exchange(ref _pending, 1) == 0;
}
