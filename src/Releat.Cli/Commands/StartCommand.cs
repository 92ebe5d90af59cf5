using System.CommandLine;
using Releat.Cli.Demo;
using Releat.Cli.Local;
using Releat.Training.Runs;
using Spectre.Console;

namespace Releat.Cli.Commands;

/// <summary>
/// `releat start`: the live path as separate local processes (redis-server and the five services), detached, on the
/// simulated market, under a detached supervisor that starts again whatever exits. The demo agent is prepared
/// (ticks, features, training) the first time; `releat stop` ends it. With part of the stack gone and no
/// supervisor, it keeps what runs and starts what is missing.
/// </summary>
internal static class StartCommand
{
    public static Command Create() => Create("start", "Run the live path as separate local processes with redis-server, restarted when they exit (stop it with releat stop).", RunAsync);

    /// <summary>`releat stack-supervise` (hidden): what `releat start` runs detached; the same options.</summary>
    public static Command CreateSupervisor()
    {
        var command = Create(StackSupervisor.Marker, "The local stack's supervisor (releat start runs it).", (options, cancellation) =>
            new StackSupervisor(options, line => Console.WriteLine($"{DateTime.UtcNow:yyyy-MM-dd HH:mm:ss.fff}Z {line}")).RunAsync(cancellation));
        command.Hidden = true;
        return command;
    }

    private static Command Create(string name, string description, Func<LocalStackOptions, CancellationToken, Task<int>> run)
    {
        var agent = new Option<string>("--agent") { Description = "The agent to run; it needs a checkpoint (the demo agent is trained when it has none).", DefaultValueFactory = _ => "demo" };
        var speed = new Option<double>("--speed") { Description = "Simulated market speed: 1 real time, 10 ten times faster.", DefaultValueFactory = _ => 10 };
        var redisPort = new Option<int>("--redis-port") { Description = "Loopback port for the stack's own redis-server.", DefaultValueFactory = _ => 6380 };
        var seed = new Option<ulong>("--seed") { Description = "Seed for the demo agent's data and training, and the simulated market.", DefaultValueFactory = _ => 1 };
        var command = new Command(name, description)
        {
            agent, speed, redisPort, seed,
        };
        command.SetAction((parse, cancellation) => run(
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

        if (LocalStackState.Read(options.Home) is { SupervisorPid: int running } && DetachedProcess.IsAlive(running, StackSupervisor.Marker))
        {
            AnsiConsole.MarkupLine($"[green]Already running[/] under its supervisor (pid {running}), which starts again whatever exits. Watch: [bold]releat status[/]; stop: [bold]releat stop[/]");
            return 0;
        }

        // Found (or built) here, in the foreground, so the supervisor starts without a build to wait for.
        foreach (var service in LocalService.All)
        {
            if (await ServiceLauncher.LocateAsync(service.Folder, service.Project, cancellation).ConfigureAwait(false) is null)
            {
                AnsiConsole.MarkupLine($"[red]Not started:[/] cannot find or build {service.Project}; run from a checkout with ./releat, or set RELEAT_SERVICES");
                return 1;
            }
        }

        AnsiConsole.MarkupLine($"[bold]Starting the stack[/] in {Markup.Escape(options.Home)}: market from {LocalStackOptions.MarketStart:yyyy-MM-dd HH:mm} UTC at {options.Speed}x");
        string log = Path.Combine(LocalStackState.RunDirectory(options.Home), "logs", "supervisor.log");
        long logStart = File.Exists(log) ? new FileInfo(log).Length : 0;
        int supervisor = StackSupervisorLaunch.Start(options, log);
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(5);
        while (LocalStackState.Read(options.Home) is not { } state || state.SupervisorPid != supervisor)
        {
            if (!DetachedProcess.IsAlive(supervisor, StackSupervisor.Marker) || DateTime.UtcNow > deadline)
            {
                AnsiConsole.MarkupLine($"[red]Not started[/]; the supervisor's log ({Markup.Escape(log)}) says:");
                AnsiConsole.WriteLine(StackSupervisorLaunch.ReadFrom(log, logStart));
                await LocalStack.StopAsync(options.Home, _ => { }).ConfigureAwait(false);
                return 1;
            }

            await Task.Delay(250, cancellation).ConfigureAwait(false);
        }

        AnsiConsole.Write(StackSupervisorLaunch.ReadFrom(log, logStart));
        AnsiConsole.MarkupLine($"[green]Running[/] under a supervisor (pid {supervisor}) that starts again whatever exits. Watch: [bold]releat status[/]; stop: [bold]releat stop[/]");
        AnsiConsole.WriteLine("gRPC on 127.0.0.1:6001-6005 (gateway, feature-builder, trainer, signal, trader), metrics on :6081-6085/metrics");
        return 0;
    }
}
