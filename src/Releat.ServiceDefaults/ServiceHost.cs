using Microsoft.AspNetCore.Builder;

namespace Releat.ServiceDefaults;

/// <summary>
/// How a service's host builder is created: its content root is the program's own folder, so the appsettings.json
/// beside the program applies wherever it is started from (`dotnet /opt/releat/trader/Releat.Trader.dll` run from a
/// home folder). ASP.NET Core's default content root, the working directory, would silently leave that file out.
/// </summary>
public static class ServiceHost
{
    public static WebApplicationBuilder CreateBuilder(string[] args) =>
        WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
}
