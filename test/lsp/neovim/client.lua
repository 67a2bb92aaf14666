-- Neovim's built-in LSP client (0.7 API: start_client + buf_attach_client) against `scorec lsp`, driven
-- the way a user would: open the file, wait for the diagnostic, ask for code actions at it, apply the
-- quick fix, wait for the server's answer to the edit. Everything the client received is written as JSON
-- to $SCOREC_NVIM_OUT for the vitest side to assert; nvim always quits, even on error.
local input = vim.fn.json_decode(table.concat(vim.fn.readfile(vim.env.SCOREC_NVIM_IN), "\n"))
local out = { steps = {} }
local published = {} -- every publishDiagnostics for the file, in arrival order

local function wait_for(what, cond)
  if not vim.wait(input.stepTimeoutMs, cond, 20) then error("timed out waiting for " .. what) end
end

local function run()
  local bufnr
  local client_id = vim.lsp.start_client({
    name = "scorec",
    cmd = input.cmd,
    cmd_cwd = input.root,
    root_dir = input.root,
    init_options = input.initOptions,
    handlers = {
      ["textDocument/publishDiagnostics"] = function(err, result, ctx, config)
        table.insert(published, result)
        return vim.lsp.diagnostic.on_publish_diagnostics(err, result, ctx, config)
      end,
    },
  })
  if not client_id then error("vim.lsp.start_client failed") end
  vim.cmd("edit " .. vim.fn.fnameescape(input.file))
  bufnr = vim.api.nvim_get_current_buf()
  vim.lsp.buf_attach_client(bufnr, client_id)
  local client = vim.lsp.get_client_by_id(client_id)
  local uri = vim.uri_from_bufnr(bufnr)

  -- The newest publish for this buffer's current version (the server sends the version it analysed).
  local function current()
    local version = vim.lsp.util.buf_versions[bufnr]
    for i = #published, 1, -1 do
      local p = published[i]
      if p.uri == uri and p.version == version then return p end
    end
  end
  local function find(p, code)
    for _, d in ipairs(p.diagnostics) do
      if d.code == code then return d end
    end
  end
  -- What the editor shows (vim.diagnostic), not only what came over the wire.
  local function shown()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(bufnr)) do
      table.insert(list, { lnum = d.lnum, col = d.col, severity = d.severity, message = d.message })
    end
    return list
  end

  for _, code in ipairs(input.fix) do
    local p
    wait_for("a diagnostic " .. code, function()
      p = current()
      return p ~= nil and find(p, code) ~= nil
    end)
    local d = find(p, code)
    local step = { code = code, received = p.diagnostics, shownBefore = shown() }
    local params = { textDocument = { uri = uri }, range = d.range, context = { diagnostics = { d } } }
    local answer, err = client.request_sync("textDocument/codeAction", params, input.stepTimeoutMs, bufnr)
    if not answer or answer.err then error("codeAction failed: " .. vim.inspect(err or answer.err)) end
    step.titles = {}
    local fix
    for _, a in ipairs(answer.result or {}) do
      table.insert(step.titles, a.title)
      if not fix and a.kind == "quickfix" and a.edit and a.diagnostics and a.diagnostics[1] and a.diagnostics[1].code == code then fix = a end
    end
    if not fix then error("no quick fix for " .. code .. ": " .. vim.inspect(step.titles)) end
    step.applied = fix.title
    local before = vim.lsp.util.buf_versions[bufnr]
    vim.lsp.util.apply_workspace_edit(fix.edit, client.offset_encoding)
    if vim.lsp.util.buf_versions[bufnr] == before then error("applying the quick fix did not change the buffer") end
    wait_for("diagnostics after the fix for " .. code, function() return current() ~= nil end)
    step.after = current().diagnostics
    -- vim.diagnostic is updated by the same handler, before this loop sees the publish.
    step.shownAfter = shown()
    table.insert(out.steps, step)
  end
  out.lines = vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)
  out.modified = vim.api.nvim_buf_get_option(bufnr, "modified")
  vim.lsp.stop_client(client_id)
  wait_for("the server to exit", function() return vim.lsp.get_client_by_id(client_id) == nil end)
  out.stopped = true
end

local ok, err = xpcall(run, debug.traceback)
if not ok then out.error = tostring(err) end
out.nvim = vim.version()
vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.SCOREC_NVIM_OUT)
vim.cmd("qa!")
