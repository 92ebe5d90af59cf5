using Releat.Agents.Loading;
using Releat.Security.Tests.Fuzz.AgentYaml;
using Releat.Testing;
using Xunit.Abstractions;

namespace Releat.Security.Tests.Fuzz;

/// <summary>
/// Whatever agent.yaml holds, loading it ends in a valid config or an AgentConfigException whose every error names
/// the file and a line in it: never another exception, never minutes of work or gigabytes of memory (the YAML
/// bombs: aliases expanding to billions of nodes, nesting deep enough to exhaust the stack).
/// </summary>
public sealed class AgentConfigFuzzTests(ITestOutputHelper output)
{
    private const ulong Seed = 9101;
    private const int Cases = 2000;

    // Generous beside a normal load (well under 10 ms) so a loaded machine does not fail it, and far below a bomb.
    private static readonly TimeSpan TimeLimit = TimeSpan.FromSeconds(10);
    private const long MemoryLimit = 64L << 20;

    private static readonly string File = Path.Combine(RepositoryRoot.Path, "agents", "t00001", "agent.yaml");

    private readonly AgentConfigLoader _loader = new(new Releat.Features.Registry.FeatureRegistry());

    [Fact]
    public void Every_mutated_agent_yaml_loads_or_is_refused_with_errors_at_a_line_of_the_file()
    {
        string original = System.IO.File.ReadAllText(File);
        _loader.Parse(original, File);
        var valid = 0;
        var refused = 0;
        long errors = 0;
        var slowest = TimeSpan.Zero;
        long mostAllocated = 0;
        var ran = SeededCases.Check(AgentYamlCase.Generator(original), Cases, Seed, yamlCase =>
        {
            CaseOutcome outcome = Load(yamlCase.Text, yamlCase.Mutations);
            slowest = outcome.Elapsed > slowest ? outcome.Elapsed : slowest;
            mostAllocated = Math.Max(mostAllocated, outcome.AllocatedBytes);
            if (outcome.Error is null)
            {
                valid++;
            }
            else
            {
                errors += AssertLocated(outcome.Error, yamlCase.Text, yamlCase.Mutations);
                refused++;
            }
        });

        output.WriteLine(
            $"agent.yaml: {ran} mutated files (seed {Seed}): {valid} valid configs, {refused} refused with {errors} errors, each at " +
            $"{Path.GetFileName(File)} and a line in it; slowest case {slowest.TotalMilliseconds:0} ms, most allocated {mostAllocated / 1024} KiB.");
        Assert.Equal(Cases, ran);
        Assert.True(valid > 50 && refused > 1000, "the generator should produce both outcomes");
    }

    public static TheoryData<string, string> Bombs => new()
    {
        { "a list key standing for 10^9 nodes", Laughs(10, 9) + "? *a8\n: 1\n" },
        { "a section key standing for 10^9 nodes", Laughs(10, 9) + "{ k: *a8 }: 1\n" },
        { "10^9 nodes as the feature list", Laughs(10, 9) + "features: *a8\n" },
        { "10^9 nodes as an unknown key's value", Laughs(10, 9) + "extra: *a8\n" },
        { "100,000 nested flow lists", "agent: t00001\nmodel: " + new string('[', 100_000) + new string(']', 100_000) + "\n" },
        { "100,000 unclosed flow sections", "agent: t00001\nmodel: " + string.Concat(Enumerable.Repeat("{a: ", 100_000)) + "\n" },
        { "3,000 nested block sections", "agent: t00001\n" + string.Concat(Enumerable.Range(0, 3000).Select(i => new string(' ', i) + "k:\n")) },
        { "a list that contains itself", "agent: t00001\nfeatures: &self [*self, *self]\n" },
        { "a section that contains itself", "agent: t00001\nmodel: &self { actor: *self, critic: *self, group_encoder: *self }\n" },
        { "an alias of nothing", "agent: t00001\nmodel: *nowhere\n" },
        { "a 1 MB key", "agent: t00001\n" + new string('k', 1 << 20) + ": 1\n" },
    };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void A_yaml_bomb_is_refused_at_a_line_in_bounded_time_and_memory(string name, string yaml)
    {
        CaseOutcome outcome = Load(yaml, name);

        Assert.NotNull(outcome.Error);
        AssertLocated(outcome.Error, yaml, name);
        output.WriteLine($"{name}: refused in {outcome.Elapsed.TotalMilliseconds:0} ms, {outcome.AllocatedBytes / 1024} KiB: " +
            Shorten(((AgentConfigException)outcome.Error).Errors[0].ToString()));
    }

    private CaseOutcome Load(string yaml, string describe)
    {
        CaseOutcome outcome = BoundedCase.Run(() => _loader.Parse(yaml, File), TimeLimit, describe);
        Assert.True(outcome.AllocatedBytes < MemoryLimit, $"{describe}: allocated {outcome.AllocatedBytes >> 20} MiB");
        return outcome;
    }

    /// <summary>The error is an AgentConfigException and each entry names the file and a line that exists; returns how many.</summary>
    private static int AssertLocated(Exception error, string yaml, string describe)
    {
        Assert.True(error is AgentConfigException, $"{describe}: {error}");
        var config = (AgentConfigException)error;
        Assert.True(config.Errors.Count > 0, $"{describe}: no errors listed in '{config.Message}'");
        // YAML also breaks lines at a lone CR, NEL, LS and PS; an error at the very end is on the line after the last.
        int lines = yaml.Replace("\r\n", "\n", StringComparison.Ordinal).Count(c => c is '\n' or '\r' or '\u0085' or '\u2028' or '\u2029') + 2;
        foreach (ConfigError entry in config.Errors)
        {
            Assert.True(entry.Location.File == File, $"{describe}: '{entry}' names another file");
            Assert.True(entry.Location.Line >= 1 && entry.Location.Line <= lines, $"{describe}: '{entry}' is not at a line of the file (or just after its end, line {lines})");
            Assert.False(string.IsNullOrWhiteSpace(entry.Message), $"{describe}: '{entry}' says nothing");
        }

        return config.Errors.Count;
    }

    /// <summary>Anchors a0..a(levels-1), each a list of <paramref name="width"/> aliases of the one before.</summary>
    private static string Laughs(int width, int levels)
    {
        var text = new System.Text.StringBuilder("agent: t00001\nlaughs:\n  - &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (int i = 1; i < levels; i++)
        {
            text.Append(System.Globalization.CultureInfo.InvariantCulture, $"  - &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", width))}]\n");
        }

        return text.ToString();
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..157] + "...";
}
