namespace RnnNotebooks.Cores;

/// <summary>
/// Decides, by trying, whether splitting work over two cores is faster on this machine right now:
/// after a warm-up on one core that counts for neither way (at least <see cref="WarmUpRuns"/> runs and the
/// warm-up time the constructor is given, summed over the runs), <see cref="TrialRuns"/> runs on one core,
/// as many on two, then runs the way that won (two cores unless they were more than 5 % slower), then the next
/// trial. The first decision holds for 2 × <see cref="TrialRuns"/> runs and each one after for twice as many
/// as the one before, up to <see cref="DecidedRuns"/>: early on, while the code is still being compiled and
/// the caches filled, a wrong decision is soon tried again. Runs are counted,
/// not seconds, so a pause in training does not end a trial early, and a trial's runs come from the
/// same training loop in both halves of it.
/// </summary>
/// <remarks>
/// Why try: two cores are not always there. Another program may hold the second one, or a virtual
/// machine's two cores may share one physical core; measured on this project's 2-core VM, at times
/// each half then took twice as long and a split step was slower than an unsplit one.
/// Why warm up first, and decide for short periods at first: a model's first runs are many times slower
/// than the rest (methods compiled, then recompiled by the tiered JIT once they have run hot for a tenth of
/// a second or so; buffers touched for the first time). Without the warm-up they all fell in the first
/// one-core trial, so two cores won it wherever one core is faster (an RNN of H = 100 at B = 1, measured
/// 20 % slower on two), and with a full period after it the wrong decision held for the first 300 training
/// steps. The warm-up runs on one core: unsplit work is never slower than one core, which is the promise the
/// trial keeps, and where two cores win they lose only the warm-up's fraction of a second.
/// Why two cores win a near tie: the promise is to be no slower than one core by more than 5 %, and on this
/// VM a trial's two stretches can differ by more than that from drift alone; with ties going to one core,
/// noisy trials kept an LSTM of H = 128 at B = 32 on one core in four of six benchmark rounds, about 25 %
/// slower than two.
/// </remarks>
internal sealed class SplitTrial
{
    // A training step makes 10-60 runs of very different sizes (a time step, a weight gradient, an
    // update): a trial must span tens of steps so that both ways see the same mix.
    public const int WarmUpRuns = 1024, TrialRuns = 1024, DecidedRuns = 16384;

    readonly long _warmUpTime;
    int _period = -1, _runs;    // period −1: the warm-up (once, on one core), 0: one core, 1: two cores, 2: the winner
    int _decidedRuns = TrialRuns;   // the length of the next decided period: doubled by each trial, up to DecidedRuns
    long _time, _oneCoreTime;   // summed run times of the current period and of the last one-core trial
    bool _twoCoresWon = true;

    /// <param name="warmUpTime">How long the warm-up's runs take at least, summed, in the unit <see cref="Record"/> is given.</param>
    public SplitTrial(long warmUpTime = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(warmUpTime);
        _warmUpTime = warmUpTime;
    }

    /// <summary>Whether the next run should be split.</summary>
    public bool SplitNext => _period == 1 || _period == 2 && _twoCoresWon;

    /// <summary>Whether the last trial found two cores faster.</summary>
    public bool TwoCoresWon => _twoCoresWon;

    /// <summary>Records how long the run just done took (in any unit, the same for every run).</summary>
    public void Record(long elapsed)
    {
        _time += elapsed;
        if (++_runs < _period switch { -1 => WarmUpRuns, 2 => _decidedRuns, _ => TrialRuns }) return;
        if (_period == -1 && _time < _warmUpTime) return;
        if (_period == 0) _oneCoreTime = _time;
        if (_period == 1)
        {
            _twoCoresWon = _time < _oneCoreTime * 1.05;
            _decidedRuns = Math.Min(2 * _decidedRuns, DecidedRuns);
        }
        _period = (_period + 1) % 3;
        _runs = 0;
        _time = 0;
    }
}
