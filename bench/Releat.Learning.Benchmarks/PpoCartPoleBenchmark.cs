using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Releat.Learning.Environments;
using Releat.Learning.Models;
using Releat.Learning.Ppo;

namespace Releat.Learning.Benchmarks;

/// <summary>
/// PPO on CartPole-v1 with CleanRL's settings: the PyTorch reference script (shared/peers/ppo_cartpole_torch.py, run
/// with Debian's python3) and ours with one and two gradient workers, in the same run, and the speed ratio. Besides
/// wall-clock steps/s it reports steps per CPU-second of each process (all its threads), the figure that holds up
/// when other work shares the machine.
/// </summary>
internal static partial class PpoCartPoleBenchmark
{
    public static void Run(long steps, ulong seed)
    {
        Console.WriteLine();
        Console.WriteLine($"PPO CartPole-v1, {steps:N0} steps, seed {seed} (4 envs × 128 steps, 4 epochs × 4 minibatches, 2×64 tanh):");
        double ours = 0, oursPerCpu = 0;
        foreach (int workers in new[] { 1, 2 })
        {
            (double sps, double perCpu, double last20, double bytesPerStep) = RunOurs(steps, seed, workers);
            Console.WriteLine($"  releat, {workers} gradient worker{(workers == 1 ? " " : "s")}   {sps,10:N0} steps/s   {perCpu,10:N0} steps/CPU-s   last-20 return {last20,6:F1}   {bytesPerStep:F2} B allocated per env step (after the first iteration)");
            ours = Math.Max(ours, sps);
            oursPerCpu = Math.Max(oursPerCpu, perCpu);
        }

        (double? torchSps, double? torchPerCpu, string torchLine) = RunReference(steps, seed);
        Console.WriteLine($"  PyTorch reference          {torchLine}");
        if (torchSps is double reference && torchPerCpu is double referencePerCpu)
        {
            Console.WriteLine($"  speed ratio releat / PyTorch: {ours / reference:F1}× wall-clock, {oursPerCpu / referencePerCpu:F1}× per CPU-second   (goal ≥ 5×)");
        }
    }

    private static (double Sps, double PerCpuSecond, double Last20, double BytesPerStep) RunOurs(long steps, ulong seed, int workers)
    {
        // The reference script does not clip the value loss (CleanRL's default does): compare like with like.
        var config = new PpoConfig { TotalTimesteps = steps, Seed = seed, GradientWorkers = workers, ClipVloss = false };
        using var envs = new VectorEnv([.. Enumerable.Range(0, config.NumEnvs).Select(_ => (IEnvironment)new CartPole())]);
        var agent = new MlpActorCritic<float>(4, 2, [64, 64], config.MinibatchSize, seed);
        using var trainer = new PpoTrainer(config, envs, agent);
        long started = Stopwatch.GetTimestamp();
        TimeSpan cpuStarted = Process.GetCurrentProcess().TotalProcessorTime;
        trainer.RunIteration();
        long allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        long stepsBefore = trainer.GlobalStep;
        trainer.Train();
        double allocatedPerStep = (double)(GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / (trainer.GlobalStep - stepsBefore);
        double seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
        double cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuStarted).TotalSeconds;
        return (trainer.GlobalStep / seconds, trainer.GlobalStep / cpuSeconds, trainer.RecentReturns.MeanOfLast(20), allocatedPerStep);
    }

    private static (double? Sps, double? PerCpuSecond, string Line) RunReference(long steps, ulong seed)
    {
        string? script = FindReferenceScript();
        if (script is null)
        {
            return (null, null, "not run: ../shared/peers/ppo_cartpole_torch.py not found beside the repository");
        }

        // The script runs unchanged; a two-line wrapper adds the process's CPU time (all threads) after it.
        var start = new ProcessStartInfo("/usr/bin/python3") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        start.ArgumentList.Add("-c");
        start.ArgumentList.Add("import resource, runpy, sys; sys.argv = sys.argv[1:]; runpy.run_path(sys.argv[0], run_name='__main__'); "
            + "u = resource.getrusage(resource.RUSAGE_SELF); print(f'cpu_seconds={u.ru_utime + u.ru_stime:.2f}')");
        start.ArgumentList.Add(script);
        start.ArgumentList.Add(steps.ToString(CultureInfo.InvariantCulture));
        start.ArgumentList.Add(seed.ToString(CultureInfo.InvariantCulture));
        try
        {
            using Process process = Process.Start(start)!;
            Task<string> errors = process.StandardError.ReadToEndAsync();
            string output = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            Match m = ReferenceFigures().Match(output);
            Match cpu = CpuSeconds().Match(output);
            if (process.ExitCode != 0 || !m.Success || !cpu.Success)
            {
                return (null, null, $"failed (exit {process.ExitCode}): {errors.Result.Trim()}");
            }

            double sps = double.Parse(m.Groups["sps"].Value, CultureInfo.InvariantCulture);
            double ran = double.Parse(m.Groups["steps"].Value, CultureInfo.InvariantCulture);
            double perCpu = ran / double.Parse(cpu.Groups["cpu"].Value, CultureInfo.InvariantCulture);
            return (sps, perCpu, $"{sps,10:N0} steps/s   {perCpu,10:N0} steps/CPU-s   last-20 return {double.Parse(m.Groups["ret"].Value, CultureInfo.InvariantCulture),6:F1}   (CPU time includes Python start-up)");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (null, null, $"not run: /usr/bin/python3 unavailable ({e.Message})");
        }
    }

    private static string? FindReferenceScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "releat.slnx")))
            {
                string script = Path.GetFullPath(Path.Combine(dir.FullName, "..", "shared", "peers", "ppo_cartpole_torch.py"));
                return File.Exists(script) ? script : null;
            }
        }

        return null;
    }

    [GeneratedRegex(@"steps=(?<steps>[0-9]+) seconds=[0-9.]+ steps_per_s=(?<sps>[0-9.]+) last20_mean_return=(?<ret>[-0-9.na]+)")]
    private static partial Regex ReferenceFigures();

    [GeneratedRegex(@"cpu_seconds=(?<cpu>[0-9.]+)")]
    private static partial Regex CpuSeconds();
}
