using System.Net;
using System.Text;
using FastData.Grains.Commands;

namespace FastData.Host.Commands;

/// <summary>
/// POSTs the command body to the system's URL with <c>Idempotency-Key</c> = command id (so the system can drop a
/// retried duplicate) and <c>X-Command-Type</c>. 2xx is success; 5xx, 408, 429 and network errors and timeouts are
/// retryable; other answers fail the command at once.
/// </summary>
public sealed class HttpCommandExecutor(HttpClient client, Uri url, TimeSpan timeout) : ICommandExecutor
{
    public async Task ExecuteAsync(CommandEnvelope command, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(command);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        attempt.CancelAfter(timeout);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(command.Payload.GetRawText(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Add("Idempotency-Key", command.Id);
        request.Headers.Add("X-Command-Type", command.Type);
        HttpResponseMessage response;
        try
        {
            response = await client.SendAsync(request, attempt.Token).ConfigureAwait(false);
        }
        catch (HttpRequestException e)
        {
            throw new CommandExecutionException($"POST {url} failed: {e.Message}", retryable: true, e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw new CommandExecutionException($"POST {url} took longer than {timeout.TotalSeconds} s", retryable: true, e);
        }

        using (response)
        {
            if (response.IsSuccessStatusCode)
            {
                return;
            }

            var status = (int)response.StatusCode;
            var retryable = status >= 500 || response.StatusCode is HttpStatusCode.RequestTimeout or HttpStatusCode.TooManyRequests;
            throw new CommandExecutionException($"POST {url} answered {status} {response.ReasonPhrase}", retryable);
        }
    }
}
