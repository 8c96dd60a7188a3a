using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using FastData.Grains.Commands;
using FastData.Host.Commands;
using FastData.Host.Security;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;

namespace FastData.Host.Apis;

/// <summary>The write stream: commands to configured systems (role writer, rate-limited per key).</summary>
public static class CommandsApi
{
    public const string IdempotencyHeader = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private const int MaxIdempotencyKeyLength = 200;

    public static IEndpointRouteBuilder MapCommandsApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/api/commands").WithTags("Commands").RequireAuthorization(ApiPolicies.Writer);
        api.MapPost("/{system}/{type}", SubmitAsync)
            .RequireRateLimiting(CommandRateLimiting.Policy)
            .WithName("SubmitCommand")
            .WithSummary("Sends a command to a system")
            .WithDescription("The JSON body is validated against the command type's schema (FastData:Commands:Systems). The command is stored, " +
                "published on the system's command topic and executed asynchronously; poll the Location for its status. " +
                "With an Idempotency-Key header, a repeated key (per API key and system) returns the first command with Idempotent-Replayed: true; " +
                "the same key with a different request answers 409.")
            .Accepts<JsonElement>("application/json")
            .Produces<CommandResponse>(StatusCodes.Status202Accepted)
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType)
            .ProducesProblem(StatusCodes.Status429TooManyRequests);
        api.MapGet("/{id}", GetAsync)
            .WithName("GetCommand")
            .WithSummary("The status of a command: Accepted, Dispatched, Succeeded or Failed (with the error)");
        return app;
    }

    private static async Task<IResult> SubmitAsync(string system, string type, HttpContext context, CommandCatalog catalog, IGrainFactory grains, IOptions<ApiOptions> options)
    {
        if (!catalog.Options.Systems.TryGetValue(system, out var systemOptions))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown system", detail: $"No command system is named '{system}'. Configured: {string.Join(", ", catalog.Options.Systems.Keys)}.");
        }

        if (!catalog.TryGetSchema(system, type, out var schema))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Unknown command type", detail: $"System '{system}' has no command type '{type}'. Configured: {string.Join(", ", systemOptions.Types.Keys)}.");
        }

        if (!context.Request.HasJsonContentType())
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "JSON expected", detail: $"Send the command as application/json (got '{context.Request.ContentType}').");
        }

        var idempotencyKey = context.Request.Headers[IdempotencyHeader].ToString();
        if (idempotencyKey.Length > MaxIdempotencyKeyLength)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Invalid Idempotency-Key", detail: $"The {IdempotencyHeader} header has {idempotencyKey.Length} characters; the limit is {MaxIdempotencyKeyLength}.");
        }

        var body = await BoundedBody.ReadAsync(context.Request, options.Value.MaxRequestBodyBytes, context.RequestAborted);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Request body too large", detail: $"The body is larger than {options.Value.MaxRequestBodyBytes} bytes (FastData:Api:MaxRequestBodyBytes).");
        }

        JsonDocument json;
        try
        {
            json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 64 });
        }
        catch (JsonException e)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed JSON", detail: $"The body is not valid JSON: line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}.");
        }

        using (json)
        {
            var errors = schema.Validate(json.RootElement);
            if (errors.Count > 0)
            {
                return TypedResults.ValidationProblem(errors, detail: $"The body does not fit command '{type}' of system '{system}'.", title: "Invalid command");
            }

            var payload = json.RootElement.GetRawText();
            var caller = context.User.Identity?.Name ?? "anonymous";
            var requestHash = Hex(SHA256.HashData(Encoding.UTF8.GetBytes($"{system}\n{type}\n{payload}")));
            var id = idempotencyKey.Length == 0
                ? Guid.NewGuid().ToString("N")
                : Hex(SHA256.HashData(Encoding.UTF8.GetBytes($"{caller}\n{system}\n{idempotencyKey}")))[..32];
            var result = await grains.GetGrain<ICommandGrain>(CommandKeys.GrainKey(id))
                .SubmitAsync(new CommandSubmission(system, type, payload, requestHash, catalog.Options.TopicOf(system), caller));
            if (result.Conflict)
            {
                return TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Idempotency-Key reused", detail: $"The {IdempotencyHeader} '{idempotencyKey}' was used for another request (command {id}); use a new key for a new command.");
            }

            if (result.Replayed)
            {
                context.Response.Headers[ReplayedHeader] = "true";
            }

            return TypedResults.Accepted($"/api/commands/{id}", CommandResponse.From(result.Command));
        }
    }

    private static async Task<Results<Ok<CommandResponse>, ProblemHttpResult>> GetAsync(string id, IGrainFactory grains)
    {
        var command = id.Length is > 0 and <= 64 && id.All(char.IsAsciiLetterOrDigit)
            ? await grains.GetGrain<ICommandGrain>(CommandKeys.GrainKey(id)).GetAsync()
            : null;
        return command is null
            ? TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Command not found", detail: $"No command has id '{id}'.")
            : TypedResults.Ok(CommandResponse.From(command));
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}

/// <summary>A command's status as the API gives it.</summary>
public sealed record CommandResponse(string Id, string System, string Type, string Status, string? Error, int Attempts, DateTimeOffset AcceptedAt, DateTimeOffset UpdatedAt)
{
    public static CommandResponse From(CommandRecord command) =>
        new(command.Id, command.System, command.Type, command.Status.ToString(), command.Error, command.Attempts, command.AcceptedAt, command.UpdatedAt);
}
