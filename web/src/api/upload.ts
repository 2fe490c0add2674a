/**
 * A file sent as the file of a form (multipart/form-data, as the API's imports accept it) with upload progress,
 * which fetch cannot report. Answers the parsed JSON body or throws an ApiError like `unwrap`.
 */
import { ApiError, type ApiErrorBody } from './client';
import { getToken, setToken } from './session';

export function uploadFile<T>(url: string, file: File, onProgress: (percent: number) => void): Promise<T> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', url);
    const token = getToken();
    if (token) xhr.setRequestHeader('authorization', `Bearer ${token}`);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable) onProgress(Math.round((event.loaded / event.total) * 100));
    };
    xhr.onerror = () => reject(new ApiError(0, undefined));
    xhr.onload = () => {
      let body: unknown;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        body = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(body as T);
      if (xhr.status === 401) setToken(null);
      reject(new ApiError(xhr.status, (body as { error?: ApiErrorBody } | undefined)?.error));
    };
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}
