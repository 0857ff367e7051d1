namespace RnnNotebooks.Recurrent.Fast;

/// <summary>
/// One long-lived worker thread that takes half of a large matrix product (see
/// <see cref="DenseProduct"/>), so a training step at B = 32 uses both cores of a laptop. A thread
/// per call (or Parallel.For) would cost tens of microseconds and allocate; this worker waits on an
/// event (spinning briefly first) and is handed a job by value: no allocation per product.
/// Only one product at a time uses it: a second model training on another thread meanwhile simply
/// runs its products on its own thread.
/// </summary>
internal static class SecondCore
{
    /// <summary>Whether large products are split over two threads (off on a one-core machine, or when
    /// the environment variable RNN_NOTEBOOKS_THREADS is 1: e.g. to time one core alone).</summary>
    public static bool Enabled { get; set; } =
        Environment.ProcessorCount > 1 && Environment.GetEnvironmentVariable("RNN_NOTEBOOKS_THREADS") != "1";

    // Spin before sleeping: a product's halves take tens of microseconds, a sleep/wake-up about as long.
    static readonly ManualResetEventSlim Start = new(false, spinCount: 1000), Done = new(false, spinCount: 1000);
    static readonly Lock StartLock = new();
    static Thread? _thread;
    static DenseProduct.Job _job;
    static int _busy;

    /// <summary>Starts <paramref name="job"/> on the worker and returns true, or returns false (the caller
    /// runs it itself) when splitting is off or the worker is taken.</summary>
    public static bool TryStart(in DenseProduct.Job job)
    {
        if (!Enabled || Interlocked.CompareExchange(ref _busy, 1, 0) != 0) return false;
        if (_thread is null)
            lock (StartLock)
                _thread ??= StartThread();
        _job = job;
        Start.Set();
        return true;
    }

    /// <summary>Waits until the job handed over by <see cref="TryStart"/> is done and frees the worker.</summary>
    public static void Wait()
    {
        Done.Wait();
        Done.Reset();
        Volatile.Write(ref _busy, 0);
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
            Start.Wait();
            Start.Reset();
            try { _job.Run(); }
            finally { Done.Set(); }
        }
    }
}
