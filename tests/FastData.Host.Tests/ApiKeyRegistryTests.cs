using FastData.Host.Security;
using Microsoft.Extensions.Configuration;

namespace FastData.Host.Tests;

public sealed class ApiKeyRegistryTests
{
    [Fact]
    public void Load_KeyAndHash_AuthenticateWithTheirRoles()
    {
        var problems = new List<string>();

        var registry = ApiKeyRegistry.Load(Config(
            ("0:Key", "first-key-0123456789"), ("0:Role", "writer"),
            ("1:Hash", ApiKeyRegistry.FormatHash("second-key-0123456789")), ("1:Role", "Reader")), problems);

        Assert.Empty(problems);
        Assert.False(registry!.IsGenerated);
        Assert.True(registry.TryAuthenticate("first-key-0123456789", out var first));
        Assert.Equal(ApiKeyRole.Writer, first!.Role);
        Assert.True(registry.TryAuthenticate("second-key-0123456789", out var second));
        Assert.Equal(ApiKeyRole.Reader, second!.Role);
        Assert.False(registry.TryAuthenticate("second-key-012345678", out _));
        Assert.Null(registry.TakeGeneratedKey());
    }

    [Fact]
    public void Load_InvalidEntries_ReportsEachWithItsPath()
    {
        var problems = new List<string>();

        var registry = ApiKeyRegistry.Load(Config(
            ("0:Key", "k-0123456789abcdef"), ("0:Hash", ApiKeyRegistry.FormatHash("x")), ("0:Role", "reader"),
            ("1:Key", "short"), ("1:Role", "admin"),
            ("2:Hash", "md5:abc"), ("2:Role", "writer"),
            ("3:Key", "k-0123456789abcdef-3"), ("3:Role", "root")), problems);

        Assert.Null(registry);
        Assert.Contains(problems, p => p.StartsWith("FastData:ApiKeys:0:", StringComparison.Ordinal) && p.Contains("exactly one", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FastData:ApiKeys:1:Key", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FastData:ApiKeys:2:Hash", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.StartsWith("FastData:ApiKeys:3:Role", StringComparison.Ordinal) && p.Contains("'root'", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_SameKeyTwice_IsAProblem()
    {
        var problems = new List<string>();

        ApiKeyRegistry.Load(Config(("0:Key", "same-key-0123456789"), ("0:Role", "reader"), ("1:Key", "same-key-0123456789"), ("1:Role", "admin")), problems);

        Assert.Contains(problems, p => p.Contains("same key", StringComparison.Ordinal));
    }

    [Fact]
    public void Load_NoKeys_GeneratesOneAdminKeyShownOnce()
    {
        var registry = ApiKeyRegistry.Load(Config(), [])!;

        var key = registry.TakeGeneratedKey();

        Assert.True(registry.IsGenerated);
        Assert.NotNull(key);
        Assert.Null(registry.TakeGeneratedKey());
        Assert.True(registry.TryAuthenticate(key, out var match));
        Assert.Equal(ApiKeyRole.Admin, match!.Role);
    }

    [Theory]
    [InlineData("http://*:5080", "http://127.0.0.1:5080")]
    [InlineData("http://0.0.0.0:80/", "http://127.0.0.1:80/")]
    [InlineData("https://+:443", "https://127.0.0.1:443")]
    [InlineData("http://[::]:5000", "http://127.0.0.1:5000")]
    [InlineData("http://example.org:5000", "http://127.0.0.1:5000")]
    [InlineData("http://localhost:5080", "http://localhost:5080")]
    [InlineData("http://127.0.0.1:0", "http://127.0.0.1:0")]
    [InlineData("http://[::1]:5000", "http://[::1]:5000")]
    public void ToLoopback_Url_KeepsLoopbackAndRewritesTheRest(string url, string expected) =>
        Assert.Equal(expected, LoopbackBinding.ToLoopback(url));

    private static IConfiguration Config(params (string Key, string Value)[] entries) =>
        new ConfigurationBuilder()
            .AddInMemoryCollection(entries.Select(e => new KeyValuePair<string, string?>($"{ApiKeyRegistry.SectionName}:{e.Key}", e.Value)))
            .Build();
}
