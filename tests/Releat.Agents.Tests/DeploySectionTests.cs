using Releat.Agents.Config;
using Releat.Agents.Loading;
using Releat.Features.Registry;
using Releat.Testing;

namespace Releat.Agents.Tests;

/// <summary>The deploy section: what a checkpoint must show on validation before it may trade live.</summary>
public sealed class DeploySectionTests
{
    private const string File = "agents/t00001/agent.yaml";
    private static readonly AgentConfigLoader Loader = new(new FeatureRegistry());
    private static readonly string Reference = System.IO.File.ReadAllText(Path.Combine(RepositoryRoot.Path, "agents", "t00001", "agent.yaml"));

    [Fact]
    public void The_reference_agents_state_their_rule_and_the_demo_judges_hours()
    {
        Assert.Equal(DeployConfig.Default, Loader.Parse(Reference, File).Deploy);
        AgentConfig demo = Loader.Load(Path.Combine(RepositoryRoot.Path, "agents", "demo", "agent.yaml"));
        Assert.Equal(new DeployConfig(2.0, TimeSpan.FromHours(1), 20), demo.Deploy);
    }

    [Fact]
    public void Without_a_deploy_section_the_documented_defaults_apply()
    {
        string without = Reference[..Reference.IndexOf("\ndeploy:", StringComparison.Ordinal)] + "\n";
        DeployConfig deploy = Loader.Parse(without, File).Deploy;
        Assert.Equal(2.0, deploy.MinValidationT);
        Assert.Equal(TimeSpan.FromDays(1), deploy.PnlPeriod);
        Assert.Equal(20, deploy.MinValidationPeriods);
    }

    [Theory]
    [InlineData("  pnl_period: 1d", "  pnl_period: 7h", "deploy.pnl_period", "must divide a day")]
    [InlineData("  min_validation_t: 2.0 ", "  min_validation_t: -1 ", "deploy.min_validation_t", "out of range")]
    [InlineData("  min_validation_periods: 20", "  min_validation_periods: 1", "deploy.min_validation_periods", "out of range")]
    [InlineData("  pnl_period: 1d", "  pnl_period: 1d\n  min_t: 3", "deploy.min_t", "unknown")]
    public void A_bad_deploy_value_is_reported_at_its_line(string line, string replacement, string field, string message)
    {
        Assert.Contains(line, Reference, StringComparison.Ordinal);
        var error = Assert.Throws<AgentConfigException>(() => Loader.Parse(Reference.Replace(line, replacement, StringComparison.Ordinal), File));
        ConfigError only = Assert.Single(error.Errors);
        Assert.Equal(field, only.Field);
        Assert.Equal(File, only.Location.File);
        Assert.True(only.Location.Line > 1);
        Assert.Contains(message, only.Message, StringComparison.OrdinalIgnoreCase);
    }
}
