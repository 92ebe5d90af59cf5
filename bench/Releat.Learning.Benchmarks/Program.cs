using System.Diagnostics;
using Releat.Learning.Environments;
using Releat.Learning.Models;
using Releat.Learning.Ppo;

long steps = args.Length > 0 ? long.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 200_000;
ulong seed = args.Length > 1 ? ulong.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : 1;
int workers = args.Length > 2 ? int.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture) : 1;
var config = new PpoConfig { TotalTimesteps = steps, Seed = seed, GradientWorkers = workers };
using var envs = new VectorEnv([.. Enumerable.Range(0, config.NumEnvs).Select(_ => (IEnvironment)new CartPole())]);
var agent = new MlpActorCritic<float>(4, 2, [64, 64], config.MinibatchSize, seed);
using var trainer = new PpoTrainer(config, envs, agent);
var sw = Stopwatch.StartNew();
trainer.Train(r => { if (r.Iteration % 50 == 0) Console.WriteLine($"{r.Iteration} {r.GlobalStep} ret={trainer.RecentReturns.MeanOfLast(20):F1} kl={r.ApproxKl:F4} ev={r.ExplainedVariance:F2} ent={r.Entropy:F3}"); });
Console.WriteLine($"steps={trainer.GlobalStep} seconds={sw.Elapsed.TotalSeconds:F1} sps={trainer.GlobalStep / sw.Elapsed.TotalSeconds:F0} last20={trainer.RecentReturns.MeanOfLast(20):F1}");
