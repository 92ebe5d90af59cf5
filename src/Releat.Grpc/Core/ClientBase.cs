namespace Grpc.Core;

/// <summary>Base of every generated client: holds the call invoker its methods go through.</summary>
public abstract partial class ClientBase
{
    protected ClientBase()
    {
        CallInvoker = UnboundCallInvoker.Instance;
    }

    protected ClientBase(ChannelBase channel)
        : this((channel ?? throw new ArgumentNullException(nameof(channel))).CreateCallInvoker())
    {
    }

    protected ClientBase(CallInvoker callInvoker)
    {
        CallInvoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));
    }

    protected ClientBase(ClientBaseConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        CallInvoker = configuration.CallInvoker;
    }

    protected CallInvoker CallInvoker { get; }
}
