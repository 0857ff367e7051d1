namespace RnnNotebooks.Cores;

/// <summary>
/// Decides, by trying, whether splitting work over two cores is faster on this machine right now:
/// <see cref="TrialRuns"/> runs on one core, as many on two, then <see cref="DecidedRuns"/> runs the
/// faster way (two cores only when they save at least 5 %), then the next trial. Runs are counted,
/// not seconds, so a pause in training does not end a trial early, and a trial's runs come from the
/// same training loop in both halves of it.
/// </summary>
/// <remarks>
/// Why try: two cores are not always there. Another program may hold the second one, or a virtual
/// machine's two cores may share one physical core; measured on this project's 2-core VM, at times
/// each half then took twice as long and a split step was slower than an unsplit one.
/// </remarks>
internal sealed class SplitTrial
{
    // A training step makes 10-60 runs of very different sizes (a time step, a weight gradient, an
    // update): a trial must span tens of steps so that both ways see the same mix.
    public const int TrialRuns = 1024, DecidedRuns = 16384;

    int _period, _runs;         // period 0: one core, 1: two cores, 2: the winner
    long _time, _oneCoreTime;   // summed run times of the current period and of the last one-core trial
    bool _twoCoresWon = true;

    /// <summary>Whether the next run should be split.</summary>
    public bool SplitNext => _period == 1 || _period == 2 && _twoCoresWon;

    /// <summary>Whether the last trial found two cores faster.</summary>
    public bool TwoCoresWon => _twoCoresWon;

    /// <summary>Records how long the run just done took (in any unit, the same for every run).</summary>
    public void Record(long elapsed)
    {
        _time += elapsed;
        if (++_runs < (_period == 2 ? DecidedRuns : TrialRuns)) return;
        if (_period == 0) _oneCoreTime = _time;
        if (_period == 1) _twoCoresWon = _time < _oneCoreTime * 0.95;
        _period = (_period + 1) % 3;
        _runs = 0;
        _time = 0;
    }
}
