using System.Diagnostics.CodeAnalysis;

namespace Grpc.Core;

/// <summary>Placed by generated code on a service base class: names the static method that binds its methods.</summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class BindServiceMethodAttribute(
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicProperties)]
    Type bindType,
    string bindMethodName) : Attribute
{
    [DynamicallyAccessedMembers(DynamicallyAccessedMemberTypes.PublicMethods | DynamicallyAccessedMemberTypes.PublicProperties)]
    public Type BindType { get; } = bindType;

    public string BindMethodName { get; } = bindMethodName;
}
