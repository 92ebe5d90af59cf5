namespace Releat.Testing.Mt5;

/// <summary>What the trade server does to the next OrderSend calls, in order; unscripted calls deal at once (10009).</summary>
public sealed class TerminalScript
{
    private readonly Queue<ScriptedSend> _sends = new();

    /// <summary>While set, the EA blocks in OrderSend until the test releases it (a slow server).</summary>
    public SemaphoreSlim? Hold { get; set; }

    /// <summary>Set when the EA has entered an OrderSend that <see cref="Hold"/> keeps waiting.</summary>
    public TaskCompletionSource Holding { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>OrderSend calls the EA made.</summary>
    public int OrderSends { get; set; }

    /// <summary>The next OrderSend answers <paramref name="retcode"/>; <paramref name="executes"/>: the server deals anyway.</summary>
    public TerminalScript Then(int retcode, bool executes = false, double fraction = 1)
    {
        _sends.Enqueue(new ScriptedSend(retcode, executes, fraction));
        return this;
    }

    public ScriptedSend Next() => _sends.Count > 0 ? _sends.Dequeue() : new ScriptedSend(10009, true, 1);
}

/// <summary>One OrderSend's scripted outcome.</summary>
public sealed record ScriptedSend(int Retcode, bool Executes, double Fraction);
