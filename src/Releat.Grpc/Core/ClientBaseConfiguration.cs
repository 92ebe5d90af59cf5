namespace Grpc.Core;

public abstract partial class ClientBase
{
    /// <summary>What a client needs to create a sibling of itself; generated code names it unqualified.</summary>
#pragma warning disable CA1034 // Nested to match Grpc.Core: generated clients refer to it as ClientBaseConfiguration.
    protected internal class ClientBaseConfiguration
#pragma warning restore CA1034
    {
        public ClientBaseConfiguration(CallInvoker callInvoker)
        {
            CallInvoker = callInvoker ?? throw new ArgumentNullException(nameof(callInvoker));
        }

        internal CallInvoker CallInvoker { get; }
    }
}
