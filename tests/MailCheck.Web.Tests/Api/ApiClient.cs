using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using MailCheck.Web.Tests.Fakes;

namespace MailCheck.Web.Tests.Api;

/// <summary>Small helpers over HttpClient for the API tests.</summary>
public static class ApiClient
{
    public static Task<HttpResponseMessage> PostJsonAsync(this HttpClient client, string json, string path = "/api/checks") =>
        client.PostAsync(path, new StringContent(json, Encoding.UTF8, "application/json"));

    public static async Task<JsonElement> JsonAsync(this HttpResponseMessage response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return (await response.Content.ReadFromJsonAsync<JsonElement>())!;
    }

    /// <summary>Submits a check and returns its id.</summary>
    public static async Task<string> SubmitAsync(this HttpClient client, string json)
    {
        var response = await client.PostJsonAsync(json);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.JsonAsync()).GetProperty("id").GetString()!;
    }

    /// <summary>Polls GET /api/checks/{id} until its status is <paramref name="status"/>; returns that answer.</summary>
    public static async Task<JsonElement> WaitForStatusAsync(this HttpClient client, string id, string status = "finished")
    {
        JsonElement body = default;
        await Poll.UntilAsync(
            async () =>
            {
                body = await (await client.GetAsync($"/api/checks/{id}")).JsonAsync();
                return body.GetProperty("status").GetString() == status;
            },
            $"check {id} to be {status}");
        return body;
    }
}
