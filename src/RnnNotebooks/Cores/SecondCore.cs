using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace RnnNotebooks.Cores;

/// <summary>Work that splits into two independent halves (e.g. the upper and lower rows of a time
/// step): half 0 and half 1 may run at the same time on two threads, or one after the other.</summary>
internal interface IHalves
{
    void Run(int half);

    /// <summary>Both halves on this thread, with the same result; work that runs faster unsplit
    /// (one pass over whole columns instead of two over half-columns) says so here.</summary>
    void RunBoth()
    {
        Run(0);
        Run(1);
    }
}

/// <summary>
/// One long-lived worker thread that runs half 1 of an <see cref="IHalves"/> while the caller runs
/// half 0, so a training step uses both cores of a laptop. Handing over costs well under a
/// microsecond, so even one time step of a batch of one (a few microseconds of work) can be split:
/// <list type="bullet">
/// <item>The worker spins while work keeps coming (a step posts fifty halves in a row) and sleeps on
/// an event after half a millisecond without work.</item>
/// <item>Nothing is allocated: the work is an object the caller owns (a kernel, a reused product job).</item>
/// <item>Whoever claims half 1 first runs it: if the worker has not picked it up by the time the
/// caller finishes half 0 (the worker is asleep, or another process holds its core), the caller runs it
/// itself. On a busy machine the split then costs nothing instead of a wait for a time slice.</item>
/// <item>Two cores are not always faster (another program may hold the second one), so by default
/// a <see cref="SplitTrial"/> decides from time to time whether to split at all; unsplit work runs
/// <see cref="IHalves.RunBoth"/>.</item>
/// <item>One split at a time: another thread meanwhile, or a split nested in a half, runs both halves
/// itself. Results never depend on which thread ran a half: halves write disjoint outputs.</item>
/// </list>
/// </summary>
internal static class SecondCore
{
    /// <summary>When halves run on the worker: <see cref="SplitPolicy.Trial"/> by default, <see cref="SplitPolicy.Never"/>
    /// on a one-core machine or when the environment variable RNN_NOTEBOOKS_THREADS is 1 (e.g. to time one core alone).</summary>
    public static SplitPolicy Policy { get; set; } =
        Environment.ProcessorCount > 1 && Environment.GetEnvironmentVariable("RNN_NOTEBOOKS_THREADS") != "1" ? SplitPolicy.Trial : SplitPolicy.Never;

    /// <summary>How long the idle worker spins for the next half before it sleeps.</summary>
    static readonly long IdleSpin = Stopwatch.Frequency / 2000;   // 500 µs

    static readonly ManualResetEventSlim Wake = new(false, spinCount: 1);
    static readonly Lock StartLock = new();
    static Thread? _thread;
    static IHalves? _work;
    static Exception? _failure;
    static int _owner;      // 1 while a caller is using the worker
    static int _open;       // the ticket whose half 1 is waiting to be claimed, 0 if none
    static int _finished;   // the last ticket the worker ran
    static int _ticket;     // the last ticket posted
    static int _sleeping;
    static readonly SplitTrial Trial = new(warmUpTime: Stopwatch.Frequency / 5);   // 0.2 s; used only by the thread holding _owner

    /// <summary>Runs both halves of <paramref name="work"/> and returns when both are done.</summary>
    public static void Run(IHalves work)
    {
        var policy = Policy;
        if (policy == SplitPolicy.Never || Interlocked.CompareExchange(ref _owner, 1, 0) != 0)
        {
            work.RunBoth();
            return;
        }
        try
        {
            long start = Stopwatch.GetTimestamp();
            if (policy == SplitPolicy.Trial && !Trial.SplitNext) work.RunBoth();
            else
            {
                if (_thread is null)
                    lock (StartLock)
                        _thread ??= StartThread();
                int ticket = Post(work);
                try { work.Run(0); }
                finally { FinishHalfOne(work, ticket); }
            }
            if (policy == SplitPolicy.Trial) Trial.Record(Stopwatch.GetTimestamp() - start);
        }
        finally
        {
            _work = null;
            Volatile.Write(ref _owner, 0);
        }
    }

    static int Post(IHalves work)
    {
        _work = work;
        _failure = null;
        int ticket = _ticket = _ticket == int.MaxValue ? 1 : _ticket + 1;
        Interlocked.Exchange(ref _open, ticket);   // a full fence: _work is visible before the ticket
        if (Volatile.Read(ref _sleeping) == 1) Wake.Set();
        return ticket;
    }

    // Claim half 1 if the worker has not; otherwise wait for the worker to finish it.
    static void FinishHalfOne(IHalves work, int ticket)
    {
        if (Interlocked.CompareExchange(ref _open, 0, ticket) == ticket)
        {
            work.Run(1);
            return;
        }
        for (int spins = 1; Volatile.Read(ref _finished) != ticket; spins++)
            Spin(spins);
        if (_failure is { } failure) ExceptionDispatchInfo.Capture(failure).Throw();
    }

    // A short pause between polls (a few dozen nanoseconds), and now and then a yield, so that a
    // thread waiting for this core gets it when the machine is busier than two cores.
    static void Spin(int spins)
    {
        if (spins % 1024 == 0) Thread.Yield();
        else Thread.SpinWait(4);
    }

    static Thread StartThread()
    {
        var thread = new Thread(Work) { IsBackground = true, Name = "RnnNotebooks second core" };
        thread.Start();
        return thread;
    }

    static void Work()
    {
        while (true)
        {
            int ticket = WaitForTicket();
            if (Interlocked.CompareExchange(ref _open, 0, ticket) != ticket) continue;   // the caller took it
            try { _work!.Run(1); }
            catch (Exception e) { _failure = e; }
            Volatile.Write(ref _finished, ticket);
        }
    }

    // Spin while work is likely to follow; then sleep until Post wakes us.
    static int WaitForTicket()
    {
        while (true)
        {
            long start = Stopwatch.GetTimestamp();
            int spins = 0;
            do
            {
                int open = Volatile.Read(ref _open);
                if (open != 0) return open;
                Spin(++spins);
            }
            while (Stopwatch.GetTimestamp() - start < IdleSpin);

            Wake.Reset();
            Interlocked.Exchange(ref _sleeping, 1);       // a full fence, paired with the one in Post
            if (Volatile.Read(ref _open) == 0) Wake.Wait();
            Volatile.Write(ref _sleeping, 0);
        }
    }
}

/// <summary>When <see cref="SecondCore"/> runs a half on the worker.</summary>
internal enum SplitPolicy
{
    /// <summary>Never: both halves on the caller.</summary>
    Never,

    /// <summary>Whenever the worker is free, after trials have shown that two cores are faster here.</summary>
    Trial,

    /// <summary>Whenever the worker is free (tests use this to be sure the split happens).</summary>
    Always,
}
