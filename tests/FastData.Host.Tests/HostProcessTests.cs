using System.Diagnostics;

namespace FastData.Host.Tests;

/// <summary>Starts the built host as its own process, as an operator would.</summary>
public sealed class HostProcessTests
{
    [Fact]
    public async Task Host_MissingConfigFolder_ExitsNonZeroAndSaysWhich()
    {
        var (exitCode, output) = await RunHostAsync("--FastData:ConfigPath=does/not/exist", "--FastData:Silo:SiloPort=7", "--FastData:Silo:GatewayPort=7");

        Assert.NotEqual(0, exitCode);
        Assert.Contains("does/not/exist", output, StringComparison.Ordinal);
        Assert.Contains("SiloPort and GatewayPort are both 7", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_InvalidConfiguration_ExitsNonZeroAndListsEveryError()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "Fixtures", "broken-config");

        var (exitCode, output) = await RunHostAsync($"--FastData:ConfigPath={folder}", "--FastData:Silo:SiloPort=7", "--FastData:Silo:GatewayPort=8");

        Assert.Equal(2, exitCode);
        Assert.Contains("to-shouting-case", output, StringComparison.Ordinal);
        Assert.Contains("invoices", output, StringComparison.Ordinal);
        Assert.Contains("aggregation.json(4,", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Host_PipelineTimingsOutOfRange_ExitsWithCode2NamingEachSetting()
    {
        var (exitCode, output) = await RunHostAsync("--FastData:Projections:IdleDeactivation=00:00:30", "--FastData:SingleViews:MinRunInterval=00:01:00", "--FastData:Kafka:StreamInactivityPeriod=00:00:00");

        Assert.Equal(2, exitCode);
        Assert.Contains("FastData:Projections:IdleDeactivation must be longer than Orleans' collection quantum", output, StringComparison.Ordinal);
        Assert.Contains("FastData:SingleViews:MinRunInterval must be between 0 and 10 s", output, StringComparison.Ordinal);
        Assert.Contains("FastData:Kafka:StreamInactivityPeriod", output, StringComparison.Ordinal);
    }

    internal static async Task<(int ExitCode, string Output)> RunHostAsync(params string[] args)
    {
        var hostDll = Path.Combine(AppContext.BaseDirectory, "FastData.Host.dll");
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
        start.ArgumentList.Add(hostDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException("could not start the host");
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(TestContext.Current.CancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(60));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("the host did not exit within 60 s although its configuration is invalid");
        }

        return (process.ExitCode, await stdout + await stderr);
    }
}
