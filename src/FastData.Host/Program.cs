using FastData.Host.Hosting;

var builder = WebApplication.CreateBuilder(args);
var problems = builder.AddFastData();
if (problems.Count > 0)
{
    await Console.Error.WriteLineAsync($"FastData.Orleans cannot start: {problems.Count} configuration error(s).");
    foreach (var problem in problems)
    {
        await Console.Error.WriteLineAsync($"  {problem}");
    }

    return 2;
}

var app = builder.Build();
app.MapFastData();
await app.RunAsync();
return 0;

/// <summary>Entry point, public so that WebApplicationFactory-based tests can start the host.</summary>
public partial class Program;
