using System.CommandLine;
using Releat.Cli.Demo;
using Releat.Cli.Local;
using Releat.Training;
using Spectre.Console;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat start`: the live path as separate local processes (redis-server and the five services), detached, on the
/// simulated market. The demo agent is prepared (ticks, features, training) the first time; `releat stop` ends it.
/// </summary>
internal static class StartCommand
{
    public static Command Create()
    {
        var agent = new Option<string>("--agent") { Description = "The agent to run; it needs a checkpoint (the demo agent is trained when it has none).", DefaultValueFactory = _ => "demo" };
        var speed = new Option<double>("--speed") { Description = "Simulated market speed: 1 real time, 10 ten times faster.", DefaultValueFactory = _ => 10 };
        var redisPort = new Option<int>("--redis-port") { Description = "Loopback port for the stack's own redis-server.", DefaultValueFactory = _ => 6380 };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the demo agent's data and training, and the simulated market.", DefaultValueFactory = _ => 1 };
        var command = new Command("start", "Run the live path as separate local processes with redis-server (stop it with releat stop).")
        {
            agent, speed, redisPort, seed,
        };
        command.SetAction((parse, cancellation) => RunAsync(
            new LocalStackOptions(StackHome, parse.GetValue(agent)!, parse.GetValue(speed), parse.GetValue(redisPort), parse.GetValue(seed)), cancellation));
        return command;
    }

    /// <summary>The stack's own folder under RELEAT_HOME, so it never mixes with a demo run or the user's data.</summary>
    public static string StackHome => Path.Combine(ReleatHome.Path, "stack");

    private static async Task<int> RunAsync(LocalStackOptions options, CancellationToken cancellation)
    {
        if (options.Speed <= 0)
        {
            AnsiConsole.MarkupLine("[red]--speed must be above 0[/] (the live path runs on the market's clock)");
            return 2;
        }

        Directory.CreateDirectory(options.Home);
        if (CheckpointCatalog.Preferred(new AgentPaths(options.Home, options.AgentId), AgentPaths.DefaultRun) is null)
        {
            if (options.AgentId != "demo")
            {
                AnsiConsole.MarkupLine($"[red]{Markup.Escape(options.AgentId)} has no checkpoint under {Markup.Escape(options.Home)}[/]: train it there first (RELEAT_HOME={Markup.Escape(options.Home)} releat train {Markup.Escape(options.AgentId)})");
                return 2;
            }

            AnsiConsole.MarkupLine("[bold]Preparing the demo agent[/] (first start only)");
            await new DemoPipeline(options.Home, options.Seed, line => AnsiConsole.WriteLine(line)).PrepareAgentAsync(cancellation).ConfigureAwait(false);
        }

        var agentPaths = new AgentPaths(options.Home, options.AgentId);
        if (CheckpointCatalog.Deployable(agentPaths, AgentPaths.DefaultRun) is null)
        {
            AnsiConsole.MarkupLine($"[yellow]{Markup.Escape(options.AgentId)} stays flat[/]: no checkpoint may trade live ({Markup.Escape(CheckpointCatalog.WhyNotDeployable(agentPaths, AgentPaths.DefaultRun))})");
        }

        AnsiConsole.MarkupLine($"[bold]Starting the stack[/] in {Markup.Escape(options.Home)}: market from {LocalStackOptions.MarketStart:yyyy-MM-dd HH:mm} UTC at {options.Speed}x");
        try
        {
            var state = await new LocalStack(options, line => AnsiConsole.WriteLine(line)).StartAsync(cancellation).ConfigureAwait(false);
            AnsiConsole.MarkupLine($"[green]Running[/] ({state.Processes.Count} processes). Watch: [bold]releat status[/]; stop: [bold]releat stop[/]");
            AnsiConsole.WriteLine("gRPC on 127.0.0.1:6001-6005 (gateway, feature-builder, trainer, signal, trader), metrics on :6081-6085/metrics");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or TimeoutException)
        {
            AnsiConsole.MarkupLine($"[red]Not started:[/] {Markup.Escape(e.Message)}");
            return 1;
        }
    }
}
