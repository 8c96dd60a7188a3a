using System.Net;
using System.Text.Json;
using FastData.Host.Security;

namespace FastData.Host.Tests;

/// <summary>API keys, roles, and their problem details, with keys configured.</summary>
public sealed class SecurityTests(FastDataHostFactory factory) : IClassFixture<FastDataHostFactory>
{
    [Theory]
    [InlineData("/api/single-views/customer-360/1")]
    [InlineData("/api/single-views/customer-360")]
    [InlineData("/api/projections/customers/count")]
    [InlineData("/dashboard/")]
    public async Task Request_NoKey_Answers401Problem(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await ProblemAsync(response);
        Assert.Contains("X-Api-Key", problem.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Contains("ApiKey", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Request_WrongKey_Answers401ProblemSayingTheKeyIsInvalid()
    {
        using var client = factory.CreateClient("not-a-configured-key-at-all");

        using var response = await client.GetAsync(new Uri("/api/single-views/customer-360", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("does not hold a valid key", (await ProblemAsync(response)).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dashboard_ReaderKey_Answers403ProblemNamingTheRole()
    {
        using var client = factory.CreateClient(FastDataHostFactory.ReaderKey);

        using var response = await client.GetAsync(new Uri("/dashboard/", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var detail = (await ProblemAsync(response)).GetProperty("detail").GetString();
        Assert.Contains("key-0", detail, StringComparison.Ordinal);
        Assert.Contains("needs role admin", detail, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(FastDataHostFactory.ReaderKey)]
    [InlineData(FastDataHostFactory.WriterKey)]
    [InlineData(FastDataHostFactory.AdminKey)]
    public async Task Read_AnyRole_IsAllowed(string key)
    {
        using var client = factory.CreateClient(key);

        using var response = await client.GetAsync(new Uri("/api/projections/customers/count", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Dashboard_ApiKeyLink_SetsHttpOnlyCookieAndRedirectsWithoutTheKey()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });

        using var response = await client.GetAsync(new Uri($"/dashboard/?apiKey={FastDataHostFactory.AdminKey}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.DoesNotContain(FastDataHostFactory.AdminKey, response.Headers.Location!.ToString(), StringComparison.Ordinal);
        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);

        using var follow = new HttpRequestMessage(HttpMethod.Get, new Uri("/dashboard/", UriKind.Relative));
        follow.Headers.Add("Cookie", cookie.Split(';')[0]);
        using var page = await client.SendAsync(follow, TestContext.Current.CancellationToken);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
    }

    [Fact]
    public async Task Dashboard_ApiKeyLinkWithReaderKey_Answers401()
    {
        using var client = factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        using var response = await client.GetAsync(new Uri($"/dashboard/?apiKey={FastDataHostFactory.ReaderKey}", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
    }

    internal static async Task<JsonElement> ProblemAsync(HttpResponseMessage response)
    {
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        using var document = JsonDocument.Parse(body);
        var root = document.RootElement.Clone();
        Assert.Equal((int)response.StatusCode, root.GetProperty("status").GetInt32());
        return root;
    }
}

/// <summary>The default run: no key configured.</summary>
public sealed class DefaultRunSecurityTests(NoKeyHostFactory factory) : IClassFixture<NoKeyHostFactory>
{
    [Theory]
    [InlineData("/health/ready")]
    [InlineData("/openapi/v1.json")]
    [InlineData("/dashboard/")]
    public async Task NoKeyConfigured_LocalRequestWithoutKey_AnswersOk(string path)
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri(path, UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task NoKeyConfigured_ApiWithoutKey_Answers401()
    {
        using var client = factory.CreateClient();

        using var response = await client.GetAsync(new Uri("/api/single-views/customer-360", UriKind.Relative), TestContext.Current.CancellationToken);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public void NoKeyConfigured_Registry_HoldsOneGeneratedAdminKey()
    {
        var registry = (ApiKeyRegistry)factory.Services.GetService(typeof(ApiKeyRegistry))!;

        Assert.True(registry.IsGenerated);
        Assert.Equal(ApiKeyRole.Admin, Assert.Single(registry.Keys).Role);
    }
}
