// A partner portal serving two districts: the applicant's domicile regency chooses the office (and its backend).
customElements.whenDefined('ak1-form').then(() => {
  const form = document.querySelector('ak1-form');
  form.districts = {
    '36.04': {
      endpoint: '/api/ak1',
      districtName: 'Kabupaten Serang',
      officeName: 'Disnakertrans Kabupaten Serang',
      officeAddress: 'Jl. Veteran No. 1, Serang',
    },
    '36.73': {
      endpoint: '/api/ak1-kota-serang',
      districtName: 'Kota Serang',
      officeName: 'Disnaker Kota Serang',
      officeAddress: 'Jl. Jenderal Sudirman No. 5, Serang',
    },
  };
});
