using Spectre.Console;

namespace Releat.Cli.Output;

/// <summary>
/// Runs a long task with its progress shown the way the output can take it: a redrawn bar on a terminal, plain
/// lines elsewhere (<see cref="PlainProgressLine"/>). With <c>toStandardError</c> (a command printing --json) the
/// progress goes to standard error as plain lines, so standard output holds only the JSON.
/// </summary>
internal static class ProgressDisplay
{
    public static async Task RunAsync(string description, bool toStandardError, Func<IProgressLine, Task> work, bool showRemaining = false)
    {
        if (toStandardError || !Terminal.StdoutIsRich)
        {
            var plain = new PlainProgressLine(toStandardError ? Console.Error : Console.Out);
            plain.Update(description, 0, 1);
            try
            {
                await work(plain).ConfigureAwait(false);
            }
            finally
            {
                plain.Finish();
            }

            return;
        }

        ProgressColumn[] columns = showRemaining
            ? [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn()]
            : [new TaskDescriptionColumn { Alignment = Justify.Left }, new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn(), new SpinnerColumn()];
        await AnsiConsole.Progress().AutoClear(false).Columns(columns).StartAsync(async context =>
        {
            ProgressTask task = context.AddTask(Markup.Escape(description), maxValue: 1);
            await work(new BarLine(task)).ConfigureAwait(false);
        }).ConfigureAwait(false);
    }

    private sealed class BarLine(ProgressTask task) : IProgressLine
    {
        public void Update(string description, double value, double maxValue)
        {
            task.Description = Markup.Escape(description);
            task.MaxValue = maxValue;
            task.Value = value;
        }
    }
}
