using System.Reflection;
using Microsoft.AspNetCore.Authorization;

namespace Releat.Grpc.Server;

/// <summary>
/// Reads a service's [RequiresRole], [AllowAnonymous] and [RateLimited] attributes once, at mapping time. The most
/// specific wins: the override method, then a class attribute naming the method, then a class attribute for all
/// methods, then the default (read).
/// </summary>
internal static class MethodAccessRules
{
    /// <summary>The role a method needs; null when it is open to anyone (health, reflection).</summary>
    public static GrpcRole? RequiredRole(Type serviceType, MethodInfo implementation, string methodName)
    {
        if (implementation.IsDefined(typeof(AllowAnonymousAttribute), inherit: true))
        {
            return null;
        }

        var onMethod = implementation.GetCustomAttributes<RequiresRoleAttribute>(inherit: true).ToArray();
        if (onMethod.Length > 0)
        {
            return onMethod.Max(a => a.Role);
        }

        var onClass = serviceType.GetCustomAttributes<RequiresRoleAttribute>(inherit: true).ToArray();
        var naming = onClass.Where(a => a.Methods.Contains(methodName, StringComparer.Ordinal)).ToArray();
        if (naming.Length > 0)
        {
            return naming.Max(a => a.Role);
        }

        if (serviceType.IsDefined(typeof(AllowAnonymousAttribute), inherit: true))
        {
            return null;
        }

        var forAll = onClass.Where(a => a.Methods.Length == 0).ToArray();
        return forAll.Length > 0 ? forAll.Max(a => a.Role) : GrpcRole.Read;
    }

    /// <summary>The rate-limit policy of a method, or null.</summary>
    public static string? RateLimitPolicy(Type serviceType, MethodInfo implementation) =>
        (implementation.GetCustomAttribute<RateLimitedAttribute>(inherit: true)
            ?? serviceType.GetCustomAttribute<RateLimitedAttribute>(inherit: true))?.Policy;

    /// <summary>A class-level [RequiresRole(Methods = ...)] naming a method the service does not have is a typo: fail.</summary>
    public static void CheckNamedMethods(Type serviceType, IReadOnlyCollection<string> methodNames)
    {
        foreach (var attribute in serviceType.GetCustomAttributes<RequiresRoleAttribute>(inherit: true))
        {
            foreach (var name in attribute.Methods)
            {
                if (!methodNames.Contains(name, StringComparer.Ordinal))
                {
                    throw new InvalidOperationException(
                        $"[RequiresRole] on {serviceType.FullName} names method '{name}', which the service does not have; " +
                        $"its methods are {string.Join(", ", methodNames)}.");
                }
            }
        }
    }
}
