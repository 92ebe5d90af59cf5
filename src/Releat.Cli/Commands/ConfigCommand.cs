using System.CommandLine;
using System.Globalization;
using Releat.Agents.Loading;
using Releat.Cli.Output;
using Releat.Features.Registry;
using Releat.Training.Runs;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat config &lt;agent&gt; [--set path=value ...] [--json]`: the agent's effective config, every value with where it
/// came from: its line in the file, the default the loader applied, or a --set override (as train and sweep take).
/// </summary>
internal static class ConfigCommand
{
    private const int SourceWidth = 9;

    public static Command Create()
    {
        var agent = new Argument<string>("agent") { Description = "Agent id: agents/<id>/agent.yaml." };
        var set = new Option<string[]>("--set") { Description = "Override a config value as train does: --set training.gamma=0.98 (repeatable).", AllowMultipleArgumentsPerToken = true };
        var json = JsonOption.Create();
        var command = new Command("config", "Print an agent's effective config and where each value came from (file line, default, --set).") { agent, set, json };
        command.SetAction(parse => Run(parse.GetValue(agent)!, parse.GetValue(set) ?? [], parse.GetValue(json)));
        return command;
    }

    private static int Run(string agentId, string[] assignments, bool json)
    {
        string file;
        IReadOnlyList<ConfigValue> values;
        try
        {
            file = AgentLocator.ConfigPath(agentId);
            values = Effective(file, ConfigOverrides.Parse(assignments));
        }
        catch (Exception e) when (e is AgentConfigException or FileNotFoundException or ArgumentException)
        {
            Console.Error.WriteLine($"releat config: {e.Message}");
            return 2;
        }

        if (json)
        {
            JsonOutput.Write(new
            {
                agent = agentId,
                file,
                values = values.Select(v => new { field = v.Field, value = v.Value, origin = v.Origin, line = v.Location?.Line }),
            });
            return 0;
        }

        int width = Terminal.Width;
        TextWrap.WriteTo(Console.Out, $"{agentId}: {DisplayPath.Of(file)}", width);
        Console.WriteLine($"{"from",-SourceWidth} field = value");
        foreach (ConfigValue v in values)
        {
            string from = v.Origin switch
            {
                ConfigValueOrigin.File => string.Create(CultureInfo.InvariantCulture, $"line {v.Location?.Line}"),
                ConfigValueOrigin.Default => "default",
                _ => "--set",
            };
            TextWrap.WriteTo(Console.Out, $"{v.Field} = {v.Value}", width, $"{from,-SourceWidth} ");
        }

        return 0;
    }

    /// <summary>
    /// The values with the overrides applied. Origins come from the file as written, so a line number is the file's
    /// own; a value an override set (or one inside an overridden section) is marked as the override.
    /// </summary>
    private static IReadOnlyList<ConfigValue> Effective(string file, IReadOnlyDictionary<string, string> overrides)
    {
        var loader = new AgentConfigLoader(new FeatureRegistry());
        string yaml = File.ReadAllText(file);
        ExplainedAgentConfig written = loader.Explain(yaml, file);
        if (overrides.Count == 0)
        {
            return written.Values;
        }

        var origins = written.Values.ToDictionary(v => v.Field, StringComparer.Ordinal);
        ExplainedAgentConfig overridden = loader.Explain(ConfigOverrides.Apply(yaml, overrides, file), file);
        return [.. overridden.Values.Select(v =>
            overrides.Keys.Any(k => v.Field == k || v.Field.StartsWith(k + ".", StringComparison.Ordinal) || v.Field.StartsWith(k + "[", StringComparison.Ordinal))
                ? v with { Origin = ConfigValueOrigin.Override, Location = null }
                : origins.TryGetValue(v.Field, out ConfigValue? original) ? v with { Origin = original.Origin, Location = original.Location } : v)];
    }
}
