using System.CommandLine;
using System.Globalization;
using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Cli.Output;
using Releat.Features.Leakage;
using Releat.Features.Registry;
using Releat.MarketData.Time;
using Releat.Training.Leakage;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat check-leakage &lt;agent&gt; [--samples N] [--seed S]`: perturbs every tick after sampled decision times and
/// shows that no feature at those times changes, and that every fitted transform is the one its training window alone
/// gives. Exits 1 when anything leaks.
/// </summary>
internal static class CheckLeakageCommand
{
    public static Command Create()
    {
        var agent = new Argument<string>("agent") { Description = "Agent id: agents/<id>/agent.yaml." };
        var samples = new Option<int>("--samples") { Description = "Decision times to check (drawn from the dataset, seeded).", DefaultValueFactory = _ => LeakageAudit.DefaultSamples };
        var seed = new Option<ulong>("--seed") { Description = "Seed of the sampled times and of the perturbation.", DefaultValueFactory = _ => 1 };
        var json = JsonOption.Create();
        var command = new Command("check-leakage", "Show that no feature sees data after its decision and every transform only its training window.")
        {
            agent, samples, seed, json,
        };
        command.SetAction((parse, cancellation) => RunAsync(parse.GetValue(agent)!, parse.GetValue(samples), parse.GetValue(seed), parse.GetValue(json), cancellation));
        return command;
    }

    private static async Task<int> RunAsync(string agentId, int samples, ulong seed, bool json, CancellationToken cancellation)
    {
        LeakageAuditResult result;
        try
        {
            var registry = new FeatureRegistry();
            string path = AgentLocator.ConfigPath(agentId);
            AgentConfig config = new AgentConfigLoader(registry).Parse(File.ReadAllText(path), path);
            if (samples < 1)
            {
                throw new ArgumentException("--samples must be 1 or more");
            }

            result = await LeakageAudit.RunAsync(config, registry, ReleatHome.Path, samples, seed, cancellation: cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is AgentConfigException or FileNotFoundException or ArgumentException or InvalidOperationException
            or InvalidDataException or NotSupportedException)
        {
            Console.Error.WriteLine($"releat check-leakage: {e.Message}");
            return 2;
        }

        if (json)
        {
            JsonOutput.Write(result);
            return result.Clean ? 0 : 1;
        }

        int width = Terminal.Width;
        LookAheadReport look = result.LookAhead;
        TextWrap.WriteTo(Console.Out, string.Create(CultureInfo.InvariantCulture,
            $"{result.Agent}: look-ahead: perturbed every tick after {look.Compared} of {look.Sampled} sampled decision times " +
            $"(the others had no observation); the perturbation reached the next decision's features {look.PerturbationSeen} times"), width);
        if (look.Clean)
        {
            TextWrap.WriteTo(Console.Out, string.Create(CultureInfo.InvariantCulture, $"no feature changed at its own decision time ({result.Columns} columns): no look-ahead"), width);
        }
        else
        {
            TextWrap.WriteTo(Console.Out, $"LEAK: {string.Join(", ", look.LeakingColumns)} changed when only later data did:", width);
            foreach (LeakageFinding f in look.Findings.Take(20))
            {
                TextWrap.WriteTo(Console.Out, string.Create(CultureInfo.InvariantCulture, $"  {UtcTime.Format(f.DecisionTimeMs)[..19]}  {f.Column}: {f.Before:G6} -> {f.After:G6}"), width);
            }
        }

        Console.WriteLine();
        if (result.TransformProblems.Count == 0)
        {
            TextWrap.WriteTo(Console.Out, string.Create(CultureInfo.InvariantCulture,
                $"transforms: all {result.FittedColumns} fitted columns are exactly what the training window {result.Train} alone gives"), width);
        }
        else
        {
            TextWrap.WriteTo(Console.Out, $"LEAK: {result.TransformProblems.Count} transforms saw more than the training window {result.Train}:", width);
            foreach (string problem in result.TransformProblems.Take(20))
            {
                TextWrap.WriteTo(Console.Out, "  " + problem, width);
            }
        }

        Console.WriteLine(result.Clean ? "verdict: no leakage found" : "verdict: leakage found");
        return result.Clean ? 0 : 1;
    }
}
