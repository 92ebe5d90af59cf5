using Spectre.Console;

namespace Releat.Cli.Output;

/// <summary>
/// What the output goes to. Colours, redrawn progress bars and other escape codes only reach a real terminal with
/// NO_COLOR unset (https://no-color.org) and TERM not "dumb"; a pipe, a log file or CI gets plain text. Tables fit
/// the terminal's width, or 80 columns (or $COLUMNS) when there is no terminal to ask.
/// </summary>
internal static class Terminal
{
    public const int DefaultWidth = 80;

    /// <summary>Standard output is a terminal that may get colours and a redrawn progress bar.</summary>
    public static bool StdoutIsRich => !Console.IsOutputRedirected && EscapeCodesAllowed;

    /// <summary>Standard error is such a terminal (where progress goes while --json owns standard output).</summary>
    public static bool StderrIsRich => !Console.IsErrorRedirected && EscapeCodesAllowed;

    public static int Width
    {
        get
        {
            if (!Console.IsOutputRedirected)
            {
                try
                {
                    if (Console.WindowWidth >= 40)
                    {
                        return Console.WindowWidth;
                    }
                }
                catch (IOException)
                {
                    // No console to ask (a service manager, a detached process): fall through.
                }
            }

            return int.TryParse(Environment.GetEnvironmentVariable("COLUMNS"), out int columns) && columns >= 40 ? columns : DefaultWidth;
        }
    }

    private static bool EscapeCodesAllowed =>
        string.IsNullOrEmpty(Environment.GetEnvironmentVariable("NO_COLOR"))
        && !string.Equals(Environment.GetEnvironmentVariable("TERM"), "dumb", StringComparison.Ordinal);

    /// <summary>The console every command writes through: Spectre's own detection on a rich terminal, plain text otherwise.</summary>
    public static IAnsiConsole CreateConsole(TextWriter writer, bool rich)
    {
        IAnsiConsole console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Ansi = rich ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = rich ? ColorSystemSupport.Detect : ColorSystemSupport.NoColors,
            Interactive = rich ? InteractionSupport.Detect : InteractionSupport.No,
            Out = new AnsiConsoleOutput(writer),
        });
        if (!rich)
        {
            console.Profile.Width = Width;
        }

        return console;
    }
}
