namespace Grpc.Core;

/// <summary>A connection target that hands out call invokers; generated clients take one in their constructor.</summary>
public abstract class ChannelBase
{
    protected ChannelBase(string target)
    {
        ArgumentException.ThrowIfNullOrEmpty(target);
        Target = target;
    }

    /// <summary>The address calls go to, as given when the channel was created.</summary>
    public string Target { get; }

    public abstract CallInvoker CreateCallInvoker();

    public Task ShutdownAsync() => ShutdownAsyncCore();

    protected virtual Task ShutdownAsyncCore() => Task.CompletedTask;
}
