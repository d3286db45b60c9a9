/**
 * The direct-upload page's script, as a web front-end does it: presign through the API, PUT the chosen
 * file straight to the object store (CORS, `ETag` read from the exposed header), attach the `file_id`.
 */
export const UPLOAD_SCRIPT = `
const form = document.getElementById('upload-form');
const log = document.getElementById('upload-log');
const slots = { identity: 'id_file', identity_back: 'id_file_back', proof_of_address: 'proof_of_address_file', liveness_check: 'liveness_check_file' };
function say(step, text) {
  const item = document.createElement('li');
  item.dataset.step = step;
  item.textContent = text;
  log.append(item);
}
async function readJson(response, step) {
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(step + ' answered ' + response.status + ': ' + (body.message || ''));
  return body;
}
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  log.textContent = '';
  const file = form.elements.file.files[0];
  if (!file) return say('error', 'Choose a file first.');
  const customer = form.elements.customer.value;
  const category = form.elements.category.value;
  const api = { Authorization: 'Bearer ' + form.dataset.token, 'Content-Type': 'application/json', Accept: 'application/json' };
  try {
    const presign = await readJson(await fetch('/api/external/file/get-presigned-url', {
      method: 'POST', headers: api, body: JSON.stringify({ customer_id: customer, file_category: category }),
    }), 'Presign');
    say('presigned', 'Presigned file_id ' + presign.file_id);
    const put = await fetch(presign.url, {
      method: 'PUT', headers: { ...presign.headers, 'Content-Type': file.type || 'application/octet-stream' }, body: file,
    });
    if (!put.ok) throw new Error('Upload answered ' + put.status + ': ' + (await put.text()));
    const etag = put.headers.get('ETag');
    if (!etag) throw new Error('Upload: the object store exposed no ETag to the page');
    say('uploaded', 'Uploaded ' + file.size + ' bytes, ETag ' + etag);
    await readJson(await fetch('/api/external/customer/' + encodeURIComponent(customer) + '/files', {
      method: 'POST', headers: api, body: JSON.stringify({ [slots[category]]: presign.file_id }),
    }), 'Attach');
    const after = await readJson(await fetch('/api/external/customer/' + encodeURIComponent(customer), { headers: api }), 'Customer');
    say('attached', 'Attached to ' + slots[category] + '; verification_status ' + after.data.verification_status);
    form.dataset.fileId = presign.file_id;
  } catch (error) {
    say('error', String(error && error.message ? error.message : error));
  }
});
`;
