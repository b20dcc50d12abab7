-- Neovim end-to-end check of `hotswap lsp` (run by cmd/hotswap/lsp_test.go): Neovim's own
-- LSP client opens the app fixture, collects diagnostics and code lenses, starts the app,
-- saves an edit to the self-accepting handler and waits for the hot update's hotswap/event.
-- Everything it saw is written as JSON to $HOTSWAP_E2E_OUT; the Go test asserts on it.
local root = os.getenv("HOTSWAP_E2E_ROOT")
local out = os.getenv("HOTSWAP_E2E_OUT")
local result = { events = {}, steps = {} }

local started_at = vim.loop.hrtime()

-- step notes how far the script got, and when (ms since it began).
local function step(name)
  table.insert(result.steps, string.format("%s at %d ms", name, (vim.loop.hrtime() - started_at) / 1e6))
end

local function finish()
  local f = io.open(out, "w")
  f:write(vim.fn.json_encode(result))
  f:close()
  vim.cmd("qa!")
end

local ok, err = pcall(function()
  local client_id = vim.lsp.start_client({
    name = "hotswap",
    cmd = { os.getenv("HOTSWAP_E2E_CMD"), "lsp", "--stdio" },
    cmd_env = { HOTSWAP_TEST_AS_CLI = "1" },
    root_dir = root,
    init_options = { hotswap = { nodePath = os.getenv("HOTSWAP_E2E_NODE"), runtime = os.getenv("HOTSWAP_E2E_RUNTIME") } },
    handlers = {
      ["hotswap/event"] = function(_, event)
        table.insert(result.events, event)
      end,
    },
  })
  assert(client_id, "vim.lsp.start_client failed")
  step("started client")

  vim.cmd("edit " .. root .. "/src/config.ts")
  local config_buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(config_buf, client_id)
  local got = vim.wait(20000, function()
    return #vim.diagnostic.get(config_buf) > 0
  end, 50)
  assert(got, "no diagnostics for config.ts")
  result.diagnostics = {}
  for _, d in ipairs(vim.diagnostic.get(config_buf)) do
    local lsp = (d.user_data or {}).lsp or {}
    table.insert(result.diagnostics, {
      message = d.message,
      source = d.source,
      code = d.code or lsp.code,
      related = #(lsp.relatedInformation or {}),
    })
  end
  step("diagnostics")

  local lenses = vim.lsp.buf_request_sync(config_buf, "textDocument/codeLens",
    { textDocument = vim.lsp.util.make_text_document_params(config_buf) }, 10000)
  result.lenses = {}
  for _, response in pairs(lenses or {}) do
    for _, lens in ipairs(response.result or {}) do
      table.insert(result.lenses, lens.command and lens.command.title or "")
    end
  end
  step("code lenses")

  local started = vim.lsp.buf_request_sync(config_buf, "workspace/executeCommand",
    { command = "hotswap.start", arguments = { {} } }, 30000)
  for _, response in pairs(started or {}) do
    result.start = response.result or { error = response.err and response.err.message or "no answer" }
  end
  step("hotswap.start")

  vim.cmd("edit " .. root .. "/src/handler.ts")
  local handler_buf = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(handler_buf, client_id)
  local lines = vim.api.nvim_buf_get_lines(handler_buf, 0, -1, false)
  for i, line in ipairs(lines) do
    lines[i] = line:gsub("reply v0", "reply v1")
  end
  vim.api.nvim_buf_set_lines(handler_buf, 0, -1, false, lines)
  vim.cmd("write")
  step("saved handler.ts")

  local hot = vim.wait(30000, function()
    for _, e in ipairs(result.events) do
      if e.kind == "update" and e.update and e.update.type == "success" then
        return true
      end
    end
    return false
  end, 50)
  result.hot = hot
  step("waited for the update")

  vim.lsp.buf_request_sync(handler_buf, "workspace/executeCommand", { command = "hotswap.stop", arguments = { {} } }, 15000)
  step("hotswap.stop")
  vim.lsp.stop_client(client_id)
  vim.wait(5000, function()
    return vim.lsp.get_client_by_id(client_id) == nil
  end, 50)
  step("stopped")
end)
if not ok then
  result.error = tostring(err)
end
finish()
