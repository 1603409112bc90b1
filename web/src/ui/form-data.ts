/** The text a form's field holds (empty when absent): forms are read on submit, uncontrolled. */
export function formText(form: FormData, name: string): string {
  const value = form.get(name);
  return typeof value === 'string' ? value : '';
}
