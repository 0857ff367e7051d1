// TorchSharp reference benchmarks: char-level RNN / LSTM / GRU training throughput (one layer or two) and raw GEMM.
using System.Diagnostics;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

static class TorchBench
{
    const int V = 65;

    // One training-step closure: returns the loss as double.
    interface IModel { double Step(Tensor xOneHot, Tensor targetsFlat, int T, int B); }

    // ---------- hand-written vanilla RNN (tanh), min-char-rnn structure ----------
    sealed class HandRnn : IModel
    {
        readonly Parameter Wxh, Whh, bh, Why, by; readonly optim.Optimizer opt; readonly int H; readonly ScalarType dt;
        public HandRnn(int H, ScalarType dt)
        {
            this.H = H; this.dt = dt;
            Wxh = new Parameter(randn(V, H, dtype: dt) * 0.01);
            Whh = new Parameter(randn(H, H, dtype: dt) * 0.01);
            bh = new Parameter(zeros(H, dtype: dt));
            Why = new Parameter(randn(H, V, dtype: dt) * 0.01);
            by = new Parameter(zeros(V, dtype: dt));
            opt = optim.Adam(new[] { Wxh, Whh, bh, Why, by }, lr: 1e-2);
        }
        public double Step(Tensor x, Tensor y, int T, int B)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            // input projection for all steps at once: [T*B,V] x [V,H]  (one-hot kept dense on purpose)
            var xw = x.reshape(T * B, V).matmul(Wxh).add(bh).reshape(T, B, H);
            var h = zeros(B, H, dtype: dt);
            var hs = new Tensor[T];
            for (int t = 0; t < T; t++) { h = tanh(xw[t] + h.matmul(Whh)); hs[t] = h; }
            var logits = stack(hs, 0).reshape(T * B, H).matmul(Why).add(by);
            var loss = nn.functional.cross_entropy(logits, y);
            loss.backward();
            opt.step();
            return loss.ToDouble();
        }
    }

    // ---------- hand-written LSTM cell ----------
    sealed class HandLstm : IModel
    {
        readonly Parameter Wx, Wh, b, Why, by; readonly optim.Optimizer opt; readonly int H; readonly ScalarType dt;
        public HandLstm(int H, ScalarType dt)
        {
            this.H = H; this.dt = dt;
            double s = 1.0 / Math.Sqrt(H);
            Wx = new Parameter((rand(V, 4 * H, dtype: dt) * 2 - 1) * s);
            Wh = new Parameter((rand(H, 4 * H, dtype: dt) * 2 - 1) * s);
            b = new Parameter(zeros(4 * H, dtype: dt));
            Why = new Parameter(randn(H, V, dtype: dt) * 0.01);
            by = new Parameter(zeros(V, dtype: dt));
            opt = optim.Adam(new[] { Wx, Wh, b, Why, by }, lr: 1e-2);
        }
        public double Step(Tensor x, Tensor y, int T, int B)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            var xw = x.reshape(T * B, V).matmul(Wx).add(b).reshape(T, B, 4 * H);
            var h = zeros(B, H, dtype: dt); var c = zeros(B, H, dtype: dt);
            var hs = new Tensor[T];
            for (int t = 0; t < T; t++)
            {
                var g = xw[t] + h.matmul(Wh);
                var ch = g.chunk(4, 1);
                var i = sigmoid(ch[0]); var f = sigmoid(ch[1]); var gg = tanh(ch[2]); var o = sigmoid(ch[3]);
                c = f * c + i * gg;
                h = o * tanh(c);
                hs[t] = h;
            }
            var logits = stack(hs, 0).reshape(T * B, H).matmul(Why).add(by);
            var loss = nn.functional.cross_entropy(logits, y);
            loss.backward();
            opt.step();
            return loss.ToDouble();
        }
    }

    // ---------- torch.nn.RNN / torch.nn.LSTM / torch.nn.GRU, one layer or a stack ----------
    // nn.GRU is PyTorch's variant (the reset gate after W_hn·h, so all of W_h·h is one product); the project's
    // GruCell is d2l.ai's (the reset gate before W_hn). They are different functions with the same cost order.
    sealed class NnRecurrent : IModel
    {
        readonly RNN rnn; readonly LSTM lstm; readonly GRU gru; readonly Linear head; readonly optim.Optimizer opt; readonly int H;
        public NnRecurrent(string kind, int layers, int H, ScalarType dt)
        {
            this.H = H;
            nn.Module core = kind switch
            {
                "lstm" => lstm = nn.LSTM(V, H, numLayers: layers),
                "gru" => gru = nn.GRU(V, H, numLayers: layers),
                _ => rnn = nn.RNN(V, H, numLayers: layers) /* default nonlinearity = tanh */,
            };
            core.to(dt);
            head = nn.Linear(H, V); head.to(dt);
            var ps = new List<Parameter>();
            ps.AddRange(core.parameters());
            ps.AddRange(head.parameters());
            opt = optim.Adam(ps, lr: 1e-2);
        }
        public double Step(Tensor x, Tensor y, int T, int B)
        {
            using var scope = NewDisposeScope();
            opt.zero_grad();
            var outp = lstm is not null ? lstm.forward(x).Item1 : gru is not null ? gru.forward(x, null).Item1 : rnn.forward(x, null).Item1;
            var logits = head.forward(outp.reshape(T * B, H));
            var loss = nn.functional.cross_entropy(logits, y);
            loss.backward();
            opt.step();
            return loss.ToDouble();
        }
    }

    // The sizes named in environment variable `name` (comma-separated), or the defaults.
    static int[] Sizes(string name, params int[] defaults) =>
        Environment.GetEnvironmentVariable(name)?.Split(',').Select(int.Parse).ToArray() ?? defaults;

    static double Median(List<double> xs) { var s = xs.OrderBy(v => v).ToList(); int n = s.Count; return n % 2 == 1 ? s[n / 2] : 0.5 * (s[n / 2 - 1] + s[n / 2]); }

    public static void RunModels(int threads, string[] filter, int warm, int steps)
    {
        set_num_threads(threads);
        set_num_interop_threads(1);
        manual_seed(0);
        Console.WriteLine($"# torch threads={get_num_threads()} interop={get_num_interop_threads()}");
        Console.WriteLine("model,dtype,threads,H,T,B,median_ms,min_ms,chars_per_s,loss_first,loss_last,foreign_load");
        string[] models = { "rnn-hand", "rnn-nn", "lstm-hand", "lstm-nn", "gru-nn", "lstm2-nn", "gru2-nn" };
        foreach (var dtName in new[] { "f32", "f64" })
        foreach (var m in models)
        {
            if (filter.Length > 0 && !filter.Any(f => m.StartsWith(f))) continue;
            var dt = dtName == "f64" ? ScalarType.Float64 : ScalarType.Float32;
            foreach (int H in Sizes("HS", 64, 128, 256))
            foreach (int T in Sizes("TS", 25, 100))
            foreach (int B in Sizes("BS", 1, 32))
            {
              for (int attempt = 1; attempt <= 4; attempt++)
              {
                Contention.WaitIdle();
                var win = new Contention.Window();
                using var outer = NewDisposeScope();
                IModel model = m switch
                {
                    "rnn-hand" => new HandRnn(H, dt),
                    "lstm-hand" => new HandLstm(H, dt),
                    "rnn-nn" => new NnRecurrent("rnn", 1, H, dt),
                    "lstm-nn" => new NnRecurrent("lstm", 1, H, dt),
                    "gru-nn" => new NnRecurrent("gru", 1, H, dt),
                    "lstm2-nn" => new NnRecurrent("lstm", 2, H, dt),
                    _ => new NnRecurrent("gru", 2, H, dt),
                };
                // fixed batch of random char ids (timing is data-independent); loss should drop as it memorises
                var ids = randint(0, V, new long[] { T + 1, B }, dtype: ScalarType.Int64);
                var x = nn.functional.one_hot(ids[TensorIndex.Slice(0, T)], V).to_type(dt); // [T,B,V] dense one-hot
                var y = ids[TensorIndex.Slice(1, T + 1)].reshape(T * B);               // [T*B]
                double first = 0, last = 0;
                for (int i = 0; i < warm; i++) { var l = model.Step(x, y, T, B); if (i == 0) first = l; }
                var times = new List<double>();
                var sw = new Stopwatch();
                for (int i = 0; i < steps; i++)
                {
                    sw.Restart(); last = model.Step(x, y, T, B); sw.Stop();
                    times.Add(sw.Elapsed.TotalMilliseconds);
                }
                double med = Median(times); double fl = win.ForeignLoad();
                if (fl > 0.15 && attempt < 4) { Console.Error.WriteLine($"# contaminated ({fl:F2}), retry {m} H={H} T={T} B={B}"); continue; }
                Console.WriteLine($"{m},{dtName},{threads},{H},{T},{B},{med:F3},{times.Min():F3},{B * T / (med / 1000.0):F0},{first:F3},{last:F3},{fl:F2}");
                break;
              }
            }
        }
    }

    public static void Gemm(int threads)
    {
        set_num_threads(threads);
        Console.WriteLine($"# torch GEMM, threads={get_num_threads()}");
        Console.WriteLine("lib,dtype,threads,n,median_ms,gflops,foreign_load");
        foreach (var dt in new[] { ScalarType.Float32, ScalarType.Float64 })
        foreach (int n in new[] { 256, 1024 })
        {
          for (int attempt = 1; attempt <= 4; attempt++)
          {
            Contention.WaitIdle(); var win = new Contention.Window();
            using var scope = NewDisposeScope();
            var a = randn(n, n, dtype: dt); var b = randn(n, n, dtype: dt); var c = empty(n, n, dtype: dt);
            int reps = n == 256 ? 200 : 10;
            for (int i = 0; i < 3; i++) { using var _c = torch.matmul(a, b); }
            var times = new List<double>(); var sw = new Stopwatch();
            for (int r = 0; r < 5; r++)
            {
                sw.Restart(); for (int i = 0; i < reps; i++) { using var _c = torch.matmul(a, b); } sw.Stop();
                times.Add(sw.Elapsed.TotalMilliseconds / reps);
            }
            double med = Median(times); double fl = win.ForeignLoad();
            if (fl > 0.15 && attempt < 4) continue;
            Console.WriteLine($"torch,{(dt == ScalarType.Float32 ? "f32" : "f64")},{threads},{n},{med:F3},{2.0 * n * n * n / (med / 1000.0) / 1e9:F1},{fl:F2}");
            break;
          }
        }
    }
}
